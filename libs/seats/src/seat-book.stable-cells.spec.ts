import { SeatBook, type SeatTaken } from './seat-book';
import { seatPlan } from './seat-plan';

/** Agent → "row,col" of the cell it sits in. */
const where = (taken: readonly SeatTaken[]): Record<string, string> => {
  const cells: Record<string, string> = {};
  for (const { agent, cell } of taken) if (agent !== null) cells[agent] = `${cell.row},${cell.col}`;
  return cells;
};

describe('who sits where on the wall (SeatBook)', () => {
  it('keeps an agent without a desk in its cell while others log in and out around it', () => {
    const book = new SeatBook(seatPlan(6));
    const first = where(book.seat(['1003', '1001', '1002']));
    expect(first).toEqual({ '1001': '1,1', '1002': '1,2', '1003': '1,3' });
    // 1001 logs out: nobody moves up into its cell.
    expect(where(book.seat(['1002', '1003']))).toEqual({ '1002': '1,2', '1003': '1,3' });
    // A newcomer takes a cell nobody keeps, not 1001's.
    expect(where(book.seat(['1002', '1003', '1000']))).toEqual({
      '1000': '1,4',
      '1002': '1,2',
      '1003': '1,3',
    });
    // 1001 back: the same cell as before.
    expect(where(book.seat(['1000', '1001', '1002', '1003']))['1001']).toBe('1,1');
  });

  it('gives the cell of the agent away longest to a newcomer only when no cell is free', () => {
    const book = new SeatBook(seatPlan(2));
    book.seat(['a', 'b']);
    book.seat(['b']); // a away from here on
    book.seat([]); // b away from here on
    expect(where(book.seat(['c']))).toEqual({ c: '1,1' });
    expect(where(book.seat(['c', 'b']))).toEqual({ c: '1,1', b: '1,2' });
  });

  it('adds overflow cells below the plan when more agents are on duty than seats, and keeps them', () => {
    const book = new SeatBook(seatPlan(2));
    const taken = book.seat(['a', 'b', 'c']);
    expect(taken.map((t) => [t.cell.seat, t.cell.row, t.cell.col, t.agent])).toEqual([
      [1, 1, 1, 'a'],
      [2, 1, 2, 'b'],
      [3, 2, 1, 'c'],
    ]);
    expect(book.seat(['a'])).toHaveLength(3);
  });

  it('keeps a desk for its owner (empty while away) and never seats anyone else there', () => {
    const book = new SeatBook(
      seatPlan({
        places: [
          { seat: 1, row: 1, col: 1, agent: 'PJSIP/101', name: '张三' },
          { seat: 2, row: 1, col: 3 },
        ],
      }),
    );
    const away = book.seat(['PJSIP/120']);
    expect(away.map((t) => [t.cell.owner, t.agent])).toEqual([
      ['PJSIP/101', null],
      [null, 'PJSIP/120'],
    ]);
    expect(where(book.seat(['PJSIP/120', 'PJSIP/101', 'PJSIP/130']))).toEqual({
      'PJSIP/101': '1,1',
      'PJSIP/120': '1,3',
      'PJSIP/130': '2,1',
    });
  });

  it('seats the same agents the same way however often it is asked (one pass per subscriber)', () => {
    const book = new SeatBook(seatPlan(4));
    const once = where(book.seat(['x', 'y']));
    expect(where(book.seat(['y', 'x']))).toEqual(once);
  });

  it('seats the agents on duty now when as many others replace them (id order, 9 before 10)', () => {
    const book = new SeatBook(seatPlan(4));
    expect(where(book.seat(['b', 'a']))).toEqual({ a: '1,1', b: '1,2' });
    expect(where(book.seat(['PJSIP/10', 'PJSIP/9']))).toEqual({
      'PJSIP/9': '1,3',
      'PJSIP/10': '1,4',
    });
  });
});
