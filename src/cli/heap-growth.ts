/**
 * How far the JavaScript heap may grow over what it holds before a full collection: V8 picks a factor
 * between 1.1 and 4 from how fast the program allocates, and the first start allocates fast (about 7 GiB
 * in 45 s, mostly short-lived: the compute's closures and results, the job keys' hash), so the heap grew
 * to 500-575 MiB around 120-230 MiB of live objects and the process's peak with it. A fixed 1.5 keeps it
 * near what is live, at the cost of more full collections. Measured 1 December, first start of the bundled
 * release (2 cores, alternating runs): bench:first-start, peak resident 843 / 740 MiB against 926 / 917,
 * ready in 26.0 / 24.4 s against 23.4 / 22.4, the later start 447 / 441 MiB against 450 / 471; by a memory
 * log, the heap at most 274-307 MiB against 500-575.
 *
 * Set while the program runs (v8.setFlagsFromString): V8 reads this flag each time it sizes the heap
 * after a collection, and it cannot be given on `npm start`'s or `npx smup`'s command line. A value given
 * to node itself (`node --heap-growing-percent=N bin/smup.js serve`) is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/** Applies HEAP_GROWING_PERCENT unless node was started with its own; returns the flag now in force. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): string {
  const given = execArgv.find((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg));
  if (given) return given;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  return flag;
}
