import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MilpModel, MilpOptions, MilpResult, MilpSolver } from '@hotline/staffing';

/**
 * HiGHS (University of Edinburgh's LP/MIP solver, npm `highs`: compiled to WebAssembly) behind
 * the planner's MilpSolver port, in a worker thread: a solve runs synchronously for up to its
 * time limit, and on the monitor's main thread that would stall the live push for as long.
 * The worker is plain JavaScript given as source (`eval`), so it runs the same under ts-node,
 * jest and the webpack bundle; it loads HiGHS from the path resolved here. Its WebAssembly
 * memory goes when the worker does: `close()` after planning keeps the monitor's memory bounded.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const loading = require(workerData.highsEntry)();
parentPort.on('message', async ({ id, model, options }) => {
  let instance;
  try {
    const highs = await loading;
    const status = highs.constants.modelStatus;
    instance = highs.createModel({
      numCols: model.numCols,
      numRows: model.numRows,
      offset: model.offset,
      colCost: model.colCost,
      colLower: model.colLower,
      colUpper: model.colUpper,
      rowLower: model.rowLower,
      rowUpper: model.rowUpper,
      integrality: model.integrality,
      matrix: {
        format: 'csc',
        numRows: model.numRows,
        numCols: model.numCols,
        starts: model.matrix.starts,
        indices: model.matrix.indices,
        values: model.matrix.values,
      },
    });
    instance.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds,
      mip_rel_gap: options.relativeGap,
      random_seed: 1,
    });
    if (options.start) instance.setSolution({ indices: options.start.indices, values: options.start.values });
    const started = performance.now();
    const cpu = process.cpuUsage();
    instance.run();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const code = instance.getModelStatus();
    const names = Object.fromEntries(Object.entries(status).map(([k, v]) => [v, k]));
    const hasSolution =
      Number(instance.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    const objective = hasSolution ? instance.getObjectiveValue() : NaN;
    const isMip = model.integrality.some((v) => v === 1);
    let bound = objective;
    let gap = 0;
    if (isMip) {
      bound = Number(instance.info.get('mip_dual_bound'));
      gap = hasSolution ? Number(instance.info.get('mip_gap')) : Infinity;
    }
    const values = hasSolution ? Float64Array.from(instance.getSolution().colValue) : new Float64Array(0);
    const result = {
      status:
        code === status.optimal ? 'optimal'
        : code === status.infeasible ? 'infeasible'
        : code === status.timeLimit ? 'time-limit'
        : 'failed',
      solverStatus: names[code] ?? String(code),
      hasSolution,
      objective,
      bound,
      gap,
      values,
      seconds,
      cpuSeconds,
    };
    parentPort.postMessage({ id, result }, [values.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  } finally {
    if (instance) instance.dispose();
  }
});
`;

/**
 * Where the highs loader is. Node's own resolution from this file (ts-node, jest) or, inside the
 * webpack bundle where `require.resolve` answers a module id, from the bundle's directory and then
 * the working directory.
 */
function highsEntry(): string {
  try {
    const resolved: unknown = require.resolve('highs');
    if (typeof resolved === 'string' && isAbsolute(resolved)) return resolved;
  } catch {
    // fall through
  }
  for (const from of [__dirname, process.cwd()]) {
    try {
      return createRequire(join(from, 'index.js')).resolve('highs');
    } catch {
      // try the next
    }
  }
  throw new MilpSolverError('the npm package "highs" (the HiGHS solver) is not installed');
}

interface WorkerReply {
  readonly id: number;
  readonly result?: MilpResult;
  readonly error?: string;
}

export class MilpSolverError extends Error {
  readonly code = 'MILP_ERR_SOLVER';
  constructor(message: string) {
    super(message);
    this.name = 'MilpSolverError';
  }
}

export class HighsWorkerSolver implements MilpSolver {
  readonly name = 'HiGHS (WebAssembly, npm highs, worker thread)';
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: MilpResult) => void; reject: (e: Error) => void }
  >();
  /** Solves run one after another on the one worker. */
  private queue: Promise<unknown> = Promise.resolve();

  solve(model: MilpModel, options: MilpOptions): Promise<MilpResult> {
    const run = this.queue.then(() => this.post(model, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the worker and frees the solver's memory; the next solve starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private post(model: MilpModel, options: MilpOptions): Promise<MilpResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<MilpResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, model, options });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { highsEntry: highsEntry() },
    });
    worker.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive; a solving one must.
      if (this.pending.size === 0) worker.unref();
      if (reply.result) waiter.resolve(reply.result);
      else waiter.reject(new MilpSolverError(reply.error ?? 'the solver worker failed'));
    });
    const failAll = (error: Error): void => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', (error) => failAll(new MilpSolverError(error.message)));
    worker.on('exit', (code) => failAll(new MilpSolverError(`solver worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
