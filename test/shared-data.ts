/**
 * Paths to the real official files in ../shared/data (see its README for provenance). Tests read them
 * as they are; nothing here is copied into the repository except through scripts/ with provenance.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedData = resolve(process.env.SMUP_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data'));

export function sharedFile(relative: string): string {
  const path = resolve(sharedData, relative);
  if (!existsSync(path)) {
    throw new Error(`missing shared data file ${path}: set SMUP_SHARED_DATA to the shared/data folder`);
  }
  return path;
}

export const TERC_2026 = 'teryt/TERC_Urzedowy_2026-01-01.csv';
export const TERC_2024 = 'teryt/TERC_Urzedowy_2024-01-01.csv';
