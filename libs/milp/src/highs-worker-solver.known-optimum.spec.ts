import { MilpBuilder } from '@hotline/staffing';
import { HighsWorkerSolver } from './highs-worker-solver';

// Real solves in a worker thread: slow when the machine is busy, whatever the instance.
jest.setTimeout(60_000);

describe(HighsWorkerSolver.name, () => {
  const solver = new HighsWorkerSolver();
  afterAll(() => solver.close());

  it('solves a small integer program to its known optimum, and says so', async () => {
    // min x + y  s.t.  x + 2y ≥ 3.5, x, y ∈ ℕ: the LP optimum is y = 1.75 (1.75); whole
    // numbers need y = 2 (2).
    const model = new MilpBuilder();
    const x = model.addColumn({ cost: 1, integer: true });
    const y = model.addColumn({ cost: 1, integer: true });
    model.addRow(3.5, Infinity, [
      [x, 1],
      [y, 2],
    ]);
    const milp = model.build();

    const integral = await solver.solve(milp, { timeLimitSeconds: 10, relativeGap: 0 });
    const relaxed = await solver.solve(
      { ...milp, integrality: new Int32Array(milp.numCols) },
      { timeLimitSeconds: 10, relativeGap: 0 },
    );

    expect(integral).toMatchObject({ status: 'optimal', hasSolution: true, objective: 2 });
    expect([...integral.values]).toEqual([0, 2]);
    expect(integral.bound).toBeCloseTo(2, 9);
    expect(relaxed.status).toBe('optimal');
    expect(relaxed.objective).toBeCloseTo(1.75, 9);
  });

  it('reports an infeasible program as infeasible, with no solution', async () => {
    const model = new MilpBuilder();
    const x = model.addColumn({ cost: 1, integer: true, upper: 1 });
    model.addRow(2, Infinity, [[x, 1]]);

    const result = await solver.solve(model.build(), { timeLimitSeconds: 10, relativeGap: 0 });

    expect(result).toMatchObject({ status: 'infeasible', hasSolution: false });
    expect(result.values).toHaveLength(0);
  });

  it('starts from a given solution and keeps the offset in the objective', async () => {
    const model = new MilpBuilder();
    const x = model.addColumn({ cost: 3, integer: true });
    model.addRow(1, Infinity, [[x, 1]]);
    model.offset = 10;

    const result = await solver.solve(model.build(), {
      timeLimitSeconds: 10,
      relativeGap: 0,
      start: { indices: Int32Array.from([x]), values: Float64Array.from([4]) },
    });

    expect(result).toMatchObject({ status: 'optimal', objective: 13 });
  });
});
