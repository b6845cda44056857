/**
 * The lock file (catalog/bdl.lock.yaml): what the BDL API answered for every catalogue variable it confirmed,
 * written by `smup catalog lock` and reviewed like code. A later lock run keeps the entries of variables it did
 * not check, replaces those it confirmed again, and drops those it refused (they are no longer confirmed).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { LockEntry, LockResult } from '../bdl/lock.js';
import { lockIndex, type LockIndex } from '../bdl/lock-guard.js';

export const LOCK_FILE = 'bdl.lock.yaml';

export interface LockFile {
  readonly api: string;
  readonly variables: Readonly<Record<string, LockEntry>>;
}

export function lockFilePath(catalogDir: string): string {
  return join(catalogDir, LOCK_FILE);
}

export function readLockFile(path: string): LockFile | null {
  if (!existsSync(path)) return null;
  const data = parse(readFileSync(path, 'utf-8')) as Partial<LockFile> | null;
  if (!data || typeof data !== 'object' || typeof data.variables !== 'object' || data.variables === null) {
    throw new Error(
      `${path}: not a lock file (expected "api" and "variables"); delete it and run smup catalog lock`,
    );
  }
  return { api: String(data.api ?? ''), variables: data.variables };
}

/** The previous lock with this run's result applied, written atomically (a temporary file, then rename). */
export function writeLockFile(path: string, api: string, result: LockResult): LockFile {
  const variables: Record<string, LockEntry> = { ...(readLockFile(path)?.variables ?? {}) };
  for (const refusal of result.refused) delete variables[refusal.catalogueId];
  for (const entry of result.locked) variables[entry.catalogueId] = entry;
  const sorted = Object.fromEntries(Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)));
  const file: LockFile = { api, variables: sorted };
  const header =
    '# Written by `smup catalog lock` from what the BDL API answered; review changes like code.\n' +
    '# One entry per catalogue variable confirmed against GET /variables/{id}: its names, unit, level, years.\n';
  writeFileSync(`${path}.partial`, header + stringify(file, { lineWidth: 0 }));
  renameSync(`${path}.partial`, path);
  return file;
}

/** The lock as ingests use it (BDL id → entry), or a clear error when there is none yet. */
export function loadLock(path: string): { index: LockIndex; file: string } {
  const lock = readLockFile(path);
  if (!lock) {
    throw new Error(
      `no lock file at ${path}: BDL ids are ingested only once \`smup catalog lock\` (online) has confirmed them ` +
        '(see catalog/README.md, "Expectations and the lock")',
    );
  }
  return { index: lockIndex(Object.values(lock.variables)), file: path };
}
