export * from './highs-worker-solver';
