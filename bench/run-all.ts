/**
 * Every benchmark, one after the other (`npm run bench`); exits non-zero if any missed its
 * target. Each entry runs its bench, prints its table and says whether it passed: append yours.
 */
import { printCodecBench, runCodecBench } from './codec.bench';

const benches: { readonly name: string; readonly run: () => boolean }[] = [
  {
    name: 'AMI codec',
    run: () => {
      const figures = runCodecBench();
      printCodecBench(figures);
      return figures.passed;
    },
  },
];

const failed = benches.filter((bench) => !bench.run()).map((bench) => bench.name);
if (failed.length > 0) {
  console.error(`benchmarks below target: ${failed.join(', ')}`);
  process.exitCode = 1;
}
