/**
 * The port through which the rota planner solves its integer programs. The planner builds the
 * model (pure arithmetic); an adapter runs a kept solver on it — `@hotline/milp` runs HiGHS
 * (WebAssembly) in a worker thread. Nothing here knows which solver answers.
 *
 *   minimise  offset + colCost·x   subject to  rowLower ≤ A·x ≤ rowUpper,  colLower ≤ x ≤ colUpper,
 *             x_j integer where integrality[j] = 1.
 */
export interface MilpModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly offset: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** 1 = integer, 0 = continuous. */
  readonly integrality: Int32Array;
  /** A in compressed sparse columns. */
  readonly matrix: {
    readonly starts: Int32Array;
    readonly indices: Int32Array;
    readonly values: Float64Array;
  };
}

export interface MilpOptions {
  readonly timeLimitSeconds: number;
  /** Stop when (incumbent − bound) ÷ |incumbent| is below this. */
  readonly relativeGap: number;
  /** A known (partial) solution to start from: values of some columns. */
  readonly start?: { readonly indices: Int32Array; readonly values: Float64Array };
}

/**
 * 'optimal': proved within the gap; 'time-limit': stopped with (maybe) a solution;
 * 'infeasible': proved to have none; 'failed': anything else (unbounded, solver error).
 */
export type MilpStatus = 'optimal' | 'time-limit' | 'infeasible' | 'failed';

export interface MilpResult {
  readonly status: MilpStatus;
  /** The solver's own name for the status, for the record. */
  readonly solverStatus: string;
  readonly hasSolution: boolean;
  /** Objective of the solution (offset included); NaN without one. */
  readonly objective: number;
  /** Best proved lower bound on the objective (= objective when optimal). */
  readonly bound: number;
  readonly gap: number;
  readonly values: Float64Array;
  /** Wall-clock seconds of the solve. */
  readonly seconds: number;
  /** CPU seconds of the process during the solve (the solver's own share on a busy machine). */
  readonly cpuSeconds: number;
}

export interface MilpSolver {
  /** e.g. 'HiGHS 1.15 (WebAssembly, worker thread)'. */
  readonly name: string;
  solve(model: MilpModel, options: MilpOptions): Promise<MilpResult>;
}

export interface MilpColumn {
  readonly cost?: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly integer?: boolean;
}

/** Collects columns and rows, then packs them into a MilpModel. */
export class MilpBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly entryRow: number[] = [];
  private readonly entryCol: number[] = [];
  private readonly entryValue: number[] = [];
  offset = 0;

  get columns(): number {
    return this.cost.length;
  }

  get rows(): number {
    return this.rowLower.length;
  }

  addColumn(column: MilpColumn = {}): number {
    this.cost.push(column.cost ?? 0);
    this.lower.push(column.lower ?? 0);
    this.upper.push(column.upper ?? Infinity);
    this.integer.push(column.integer ? 1 : 0);
    return this.cost.length - 1;
  }

  setCost(column: number, cost: number): void {
    this.cost[column] = cost;
  }

  /** lower ≤ Σ coefficient·x[column] ≤ upper; repeated columns are summed. */
  addRow(lower: number, upper: number, terms: Iterable<readonly [number, number]>): number {
    const row = this.rowLower.length;
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    const merged = new Map<number, number>();
    for (const [column, coefficient] of terms) {
      merged.set(column, (merged.get(column) ?? 0) + coefficient);
    }
    for (const [column, coefficient] of merged) {
      if (coefficient === 0) continue;
      this.entryRow.push(row);
      this.entryCol.push(column);
      this.entryValue.push(coefficient);
    }
    return row;
  }

  build(): MilpModel {
    const numCols = this.cost.length;
    const starts = new Int32Array(numCols + 1);
    for (const column of this.entryCol) starts[column + 1]++;
    for (let j = 0; j < numCols; j++) starts[j + 1] += starts[j];
    const fill = starts.slice(0, numCols);
    const indices = new Int32Array(this.entryCol.length);
    const values = new Float64Array(this.entryCol.length);
    for (let e = 0; e < this.entryCol.length; e++) {
      const at = fill[this.entryCol[e]]++;
      indices[at] = this.entryRow[e];
      values[at] = this.entryValue[e];
    }
    return {
      numCols,
      numRows: this.rowLower.length,
      offset: this.offset,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      integrality: Int32Array.from(this.integer),
      matrix: { starts, indices, values },
    };
  }
}
