import { gridOf, seatPlan, seatPlanProblems, type SeatLayoutConfig } from './seat-plan';

const floor: SeatLayoutConfig = {
  places: [
    { seat: 2, row: 1, col: 2, agent: 'PJSIP/102', name: '李四' },
    { seat: 1, row: 1, col: 1, agent: 'PJSIP/101', name: '张三', staffNo: 'A012' },
    // Column 3 is the aisle.
    { seat: 3, row: 1, col: 4 },
    { seat: 4, row: 2, col: 1 },
  ],
  people: [{ agent: 'PJSIP/120', name: '王五', staffNo: 'A020' }],
};

describe('seat plan from config `seats`', () => {
  it('lays a count of seats out as a grid for a 16:9 strip (58 → 4 rows of 15), nobody owning a cell', () => {
    expect(gridOf(58)).toEqual({ rows: 4, cols: 15 });
    const plan = seatPlan(58);
    expect(plan.cells).toHaveLength(58);
    expect(plan.cells[0]).toEqual({ seat: 1, row: 1, col: 1, owner: null });
    expect(plan.cells[15]).toEqual({ seat: 16, row: 2, col: 1, owner: null });
    expect(plan.cells[57]).toEqual({ seat: 58, row: 4, col: 13, owner: null });
    expect(plan.people.size).toBe(0);
    expect(seatPlanProblems(58)).toEqual([]);
  });

  it('keeps every desk at its row and column in seat order, gaps left empty, and names people by their agent id', () => {
    const plan = seatPlan(floor);
    expect(plan.cells.map((c) => [c.seat, c.row, c.col, c.owner])).toEqual([
      [1, 1, 1, 'PJSIP/101'],
      [2, 1, 2, 'PJSIP/102'],
      [3, 1, 4, null],
      [4, 2, 1, null],
    ]);
    expect({ rows: plan.rows, cols: plan.cols }).toEqual({ rows: 2, cols: 4 });
    expect(plan.people.get('PJSIP/101')).toEqual({ name: '张三', staffNo: 'A012' });
    expect(plan.people.get('PJSIP/102')).toEqual({ name: '李四', staffNo: null });
    expect(plan.people.get('PJSIP/120')).toEqual({ name: '王五', staffNo: 'A020' });
    expect(seatPlanProblems(floor)).toEqual([]);
  });

  it('says which place is wrong and why: a seat number twice, a position twice, an agent at two desks or named twice', () => {
    const problems = seatPlanProblems({
      places: [
        { seat: 1, row: 1, col: 1, agent: 'PJSIP/101' },
        { seat: 1, row: 1, col: 2 },
        { seat: 3, row: 1, col: 1 },
        { seat: 4, row: 2, col: 1, agent: 'PJSIP/101' },
        { seat: 5, row: 2, col: 2, name: '无名' },
      ],
      people: [{ agent: 'PJSIP/101', name: '张三' }],
    });
    expect(problems).toEqual([
      { path: ['places', 1, 'seat'], message: 'seat 1 is already places[0]' },
      { path: ['places', 2, 'col'], message: 'row 1, col 1 is already taken by seat 1' },
      { path: ['places', 3, 'agent'], message: 'PJSIP/101 already has seat 1' },
      { path: ['places', 4, 'agent'], message: 'a name or staffNo needs the agent it names' },
      {
        path: ['people', 0, 'agent'],
        message: 'PJSIP/101 is named twice (people and places name each agent once)',
      },
    ]);
  });
});
