/**
 * Register history: from dated snapshots of the TERC register to validity periods and recorded changes.
 *
 *   snapshot 2024-01-01 ──┐
 *   snapshot 2026-01-01 ──┼─► versions  (code, attributes, validFrom, validTo)
 *   …  (any load order)  ─┘   changes   (created, abolished, renamed, kind_changed, …)
 *                             links     (predecessor code → successor code)
 *
 * A version of a code is valid from the state date of the first snapshot that lists it in that form
 * (inclusive) to the state date of the first later snapshot that no longer does (exclusive); a version
 * still listed by the newest snapshot has validTo null. Because the whole history is derived from the
 * snapshots, loading an older register after a newer one gives the same result as loading them in
 * order, and nothing is ever overwritten: an older state stays visible as a closed version.
 *
 * Identity across a change of code: a gmina whose kind digit changes keeps its 6-digit stem
 * (0601052 gmina wiejska → 0601053 gmina miejsko-wiejska, Janów Podlaski, 2024→2026). When exactly one
 * gmina code with a stem disappears and exactly one with the same stem appears, it is the same unit and
 * the two codes are linked; anything else is recorded as abolished / created, never silently merged.
 */
import { gminaStem } from './teryt-code.js';
import { POLAND, type UnitRecord } from './unit.js';

export interface RegisterSnapshot {
  /** State date of the register, ISO yyyy-mm-dd (TERC column STAN_NA). */
  readonly stateDate: string;
  readonly records: readonly UnitRecord[];
}

export interface UnitVersion extends UnitRecord {
  readonly validFrom: string;
  readonly validTo: string | null;
}

export const CHANGE_TYPES = [
  'created',
  'abolished',
  'renamed',
  'kind_changed',
  'code_changed',
  'description_changed',
  'parent_changed',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface UnitChange {
  /** State date of the first snapshot showing the change (the change happened on or before it). */
  readonly date: string;
  readonly type: ChangeType;
  readonly code: string;
  readonly previousCode: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export interface UnitLink {
  readonly predecessorCode: string;
  readonly successorCode: string;
  readonly date: string;
  readonly reason: 'kind_changed';
}

export interface RegisterHistory {
  readonly versions: readonly UnitVersion[];
  readonly changes: readonly UnitChange[];
  readonly links: readonly UnitLink[];
}

type Field = 'name' | 'kind' | 'description' | 'parentCode';
const FIELD_CHANGE: Record<Field, ChangeType> = {
  name: 'renamed',
  kind: 'kind_changed',
  description: 'description_changed',
  parentCode: 'parent_changed',
};
const FIELDS = Object.keys(FIELD_CHANGE) as Field[];

function sameForm(a: UnitRecord, b: UnitRecord): boolean {
  return a.level === b.level && FIELDS.every((field) => a[field] === b[field]);
}

export function buildRegisterHistory(snapshots: readonly RegisterSnapshot[]): RegisterHistory {
  const ordered = [...snapshots].sort((a, b) => a.stateDate.localeCompare(b.stateDate));
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]?.stateDate === ordered[i - 1]?.stateDate) {
      throw new Error(`two register snapshots share the state date ${ordered[i]?.stateDate}`);
    }
  }

  const versions: Array<{ -readonly [K in keyof UnitVersion]: UnitVersion[K] }> = [];
  const open = new Map<string, (typeof versions)[number]>();
  const changes: UnitChange[] = [];
  const links: UnitLink[] = [];
  let previous: ReadonlyMap<string, UnitRecord> | null = null;

  for (const snapshot of ordered) {
    const current = new Map(snapshot.records.map((record) => [record.code, record]));
    if (previous) {
      diffSnapshots(previous, current, snapshot.stateDate, changes, links);
    }
    for (const [code, version] of open) {
      if (!current.has(code)) {
        version.validTo = snapshot.stateDate;
        open.delete(code);
      }
    }
    for (const record of snapshot.records) {
      const version = open.get(record.code);
      if (version && sameForm(version, record)) continue;
      if (version) version.validTo = snapshot.stateDate;
      const next = { ...record, validFrom: snapshot.stateDate, validTo: null };
      versions.push(next);
      open.set(record.code, next);
    }
    previous = current;
  }
  return { versions, changes, links };
}

function diffSnapshots(
  previous: ReadonlyMap<string, UnitRecord>,
  current: ReadonlyMap<string, UnitRecord>,
  date: string,
  changes: UnitChange[],
  links: UnitLink[],
): void {
  const gone = [...previous.values()].filter((record) => !current.has(record.code));
  const added = [...current.values()].filter((record) => !previous.has(record.code));

  const byStem = (records: readonly UnitRecord[]): Map<string, UnitRecord[]> => {
    const map = new Map<string, UnitRecord[]>();
    for (const record of records.filter((r) => r.level === 'gmina')) {
      const stem = gminaStem(record.code);
      map.set(stem, [...(map.get(stem) ?? []), record]);
    }
    return map;
  };
  const goneByStem = byStem(gone);
  const addedByStem = byStem(added);
  const matched = new Set<string>();

  for (const [stem, olds] of goneByStem) {
    const news = addedByStem.get(stem);
    const old = olds[0];
    const successor = news?.[0];
    if (olds.length !== 1 || news?.length !== 1 || !old || !successor) continue;
    matched.add(old.code).add(successor.code);
    links.push({ predecessorCode: old.code, successorCode: successor.code, date, reason: 'kind_changed' });
    changes.push({
      date,
      type: 'code_changed',
      code: successor.code,
      previousCode: old.code,
      before: old.code,
      after: successor.code,
    });
    pushFieldChanges(old, successor, date, changes);
  }
  for (const record of gone) {
    if (matched.has(record.code)) continue;
    changes.push({
      date,
      type: 'abolished',
      code: record.code,
      previousCode: null,
      before: record.name,
      after: null,
    });
  }
  for (const record of added) {
    if (matched.has(record.code)) continue;
    changes.push({
      date,
      type: 'created',
      code: record.code,
      previousCode: null,
      before: null,
      after: record.name,
    });
  }
  for (const [code, record] of current) {
    const before = previous.get(code);
    if (before) pushFieldChanges(before, record, date, changes);
  }
}

function pushFieldChanges(before: UnitRecord, after: UnitRecord, date: string, changes: UnitChange[]): void {
  for (const field of FIELDS) {
    if (before[field] === after[field]) continue;
    // NAZWA_DOD follows the kind ("gmina wiejska" → "gmina miejsko-wiejska"): one change, not two.
    if (field === 'description' && before.kind !== after.kind) continue;
    changes.push({
      date,
      type: FIELD_CHANGE[field],
      code: after.code,
      previousCode: before.code === after.code ? null : before.code,
      before: before[field],
      after: after[field],
    });
  }
}

/** Problems that make a snapshot unusable as a register: duplicate codes and parents it does not list. */
export function registerProblems(records: readonly UnitRecord[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const record of records) {
    if (codes.has(record.code)) problems.push(`code ${record.code} is listed twice`);
    codes.add(record.code);
  }
  for (const record of records) {
    if (record.parentCode !== null && !codes.has(record.parentCode)) {
      problems.push(
        `${record.code} (${record.name}) belongs to ${record.parentCode}, which the register does not list`,
      );
    }
  }
  return problems;
}

/**
 * The history with the country as a unit (unit.ts, POLAND): valid from the earliest state date, never
 * changing, so the register's pages, search and API list Poland beside the TERC units.
 */
export function withCountry(history: RegisterHistory): RegisterHistory {
  const earliest = history.versions.reduce<string | null>(
    (min, v) => (min === null || v.validFrom < min ? v.validFrom : min),
    null,
  );
  if (earliest === null || history.versions.some((v) => v.code === POLAND.code)) return history;
  return { ...history, versions: [{ ...POLAND, validFrom: earliest, validTo: null }, ...history.versions] };
}
