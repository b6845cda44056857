/**
 * The quota state in a JSON file (the CLI puts it at <data dir>/bdl-quota.json), so a run started right
 * after another one still knows how many requests the last 15 minutes, 12 hours and 7 days have seen.
 * Written atomically (a temporary file in the same folder, then rename): a run killed mid-write leaves the
 * previous state, never half a file.
 *
 * Two processes using the same file at the same time each see only their own requests since they loaded
 * it; the BDL quota is per client anyway, so run one ingest at a time.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseQuotaState, type QuotaState, type QuotaStateStore } from './quota.js';

export function fileQuotaStore(path: string): QuotaStateStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf-8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new Error(
          `the BDL quota file ${path} is not JSON (${(error as Error).message}); delete it to start counting again`,
        );
      }
      const state = parseQuotaState(data);
      if (typeof state === 'string') {
        throw new Error(
          `the BDL quota file ${path} is not a quota state: ${state}; delete it to start counting again`,
        );
      }
      return state;
    },
    async save(state: QuotaState) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(state));
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
