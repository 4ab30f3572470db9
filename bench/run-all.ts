/**
 * Every benchmark, one after the other (`npm run bench`); exits non-zero if any missed its
 * target. Each entry runs its bench, prints its table and says whether it passed: append yours.
 */
import { printFanoutBench, runFanoutBench } from './cluster-fanout.bench';
import { printClusterPipelineBench, runClusterPipelineBench } from './cluster-pipeline.bench';
import { printSoakBench, runSoakBench, soakOptionsFromEnv } from './cluster-soak.bench';
import { printCodecBench, runCodecBench } from './codec.bench';
import { printHistoryImportBench, runHistoryImportBench } from './history-import.bench';
import { printKpiEngineBench, runKpiEngineBench } from './kpi-engine.bench';
import { printPushBench, runPushBench } from './push.bench';
import { printStorageBench, runStorageBench } from './storage.bench';

const benches: { readonly name: string; readonly run: () => boolean | Promise<boolean> }[] = [
  {
    name: 'AMI codec',
    run: () => {
      const figures = runCodecBench();
      printCodecBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'KPI engine (events/s against a Map increment, snapshot of a busy centre)',
    run: () => {
      const figures = runKpiEngineBench();
      printKpiEngineBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'WebSocket push (500 clients, 10× peak hour)',
    run: async () => {
      const figures = await runPushBench();
      printPushBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'WebSocket push (500 clients, 100× peak hour)',
    run: async () => {
      const figures = await runPushBench({ peakMultiple: 100 });
      printPushBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'Cluster fan-out (4 sites, 1,500 clients over 3 serves, 10× peak hour each) and RSS soak',
    run: async () => {
      const figures = await runFanoutBench();
      printFanoutBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'RSS soak over several simulated days (1 site: ingest, Redis, serve; embedded baseline)',
    run: async () => {
      const figures = await runSoakBench(soakOptionsFromEnv());
      printSoakBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'Storage (peak month and 10×, SQLite and PostgreSQL)',
    run: async () => {
      const figures = await runStorageBench();
      printStorageBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'History import (queue_log, 1× and 10× the peak month, SQLite)',
    run: () => {
      const figures = runHistoryImportBench();
      printHistoryImportBench(figures);
      return figures.passed;
    },
  },
  {
    name: 'Cluster pipeline (AMI → ingest → Redis Stream → serve, CPU per million events)',
    run: async () => {
      const figures = await runClusterPipelineBench();
      printClusterPipelineBench(figures);
      return figures.passed;
    },
  },
];

async function main(): Promise<void> {
  const failed: string[] = [];
  for (const bench of benches) if (!(await bench.run())) failed.push(bench.name);
  if (failed.length > 0) {
    console.error(`benchmarks below target: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
