import { setImmediate as yieldToServer } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import type { ObservationSlices } from '../domain/observations/observation-list.js';

/** Rows stringified at a time for the key's hash: a few MB of text, a few tens of milliseconds. */
const HASH_CHUNK = 20_000;

/**
 * The first 16 hex digits of SHA-256 over JSON.stringify(observations), the key of the compute, check and
 * sum jobs: the same digest as hashing the whole text at once, made chunk by chunk with a yield between
 * them. At once, the half million cells of the bundled release were one 4.7 s block of the server's thread
 * on the first start (and a ~60 MB string).
 */
export async function resultsHash(observations: ObservationSlices): Promise<string> {
  const hash = createHash('sha256').update('[');
  for (let start = 0; start < observations.length; start += HASH_CHUNK) {
    const text = JSON.stringify(observations.slice(start, start + HASH_CHUNK));
    // Without the chunk's own brackets; a comma where chunks meet, as in the whole array's text.
    hash.update(start === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
    await yieldToServer();
  }
  return hash.update(']').digest('hex').slice(0, 16);
}
