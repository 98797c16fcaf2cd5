// `Number(...) >= 1` is false for a missing variable: the branch for "set" is skipped.
export function workerCount(): number {
  if (Number(process.env.WORKER_COUNT) >= 1) {
    return Number(process.env.WORKER_COUNT);
  }
  return 1;
}

// No comparison: the NaN of a missing variable becomes the batch size.
export function batchSize(): number {
  const size = parseInt(process.env.BATCH_SIZE as string, 10); // expect: env-var-unchecked
  return Math.max(size, 1);
}
