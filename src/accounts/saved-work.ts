/**
 * Saved work under an account (issue 18, point 2): creating, changing, deleting and sharing a user's named
 * items, each change in one transaction with its audit record. Only the owner reaches an item: another
 * user's is "not found" (404), never "forbidden", so nobody learns which ids exist.
 *
 * A set's units are stored as a reference set (the anonymous sets' table, store/reference-sets-store.ts)
 * under the item's name, so that `against=set:ID` compares with it everywhere; renaming or editing the item
 * stores its units again under the new name (a set's id is its content's hash).
 */
import {
  checkSettings,
  MAX_SAVED_ITEMS,
  type KnownIds,
  type SavedKind,
  type SettingsInput,
} from '../domain/accounts/saved-items.js';
import { appendAudit } from '../store/audit-store.js';
import type { Database, Queryable } from '../store/database.js';
import { saveReferenceSet } from '../store/reference-sets-store.js';
import * as items from '../store/saved-items-store.js';
import type { StoredSavedItem } from '../store/saved-items-store.js';
import { unitsAt } from '../store/units-store.js';
import { AccountError, type Actor } from './accounts.js';
import { newToken } from './tokens.js';

export type { StoredSavedItem } from '../store/saved-items-store.js';

/** Longest name of a reference set (api/schemas/profile.ts MAX_SET_NAME): a set item's name is cut to it. */
const SET_NAME_LENGTH = 100;

export interface SavedItemInput {
  readonly kind: SavedKind;
  readonly name: string;
  readonly settings: SettingsInput;
}

function notFound(id: number): AccountError {
  return new AccountError(
    404,
    'saved-item-not-found',
    { pl: `Nie ma zapisanej pozycji nr ${id} na tym koncie.`, en: `This account has no saved item ${id}.` },
    'id',
  );
}

function invalid(field: string, pl: string, en: string): AccountError {
  return new AccountError(400, 'invalid-parameter', { pl, en }, field);
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw invalid('name', 'Pole „name”: podaj nazwę.', 'Field "name": give a name.');
  return trimmed;
}

/** Codes the register does not know (any version; `current`: only today's units count). */
async function unknownUnits(tx: Queryable, codes: readonly string[], current: boolean): Promise<string[]> {
  const rows = current
    ? await unitsAt(tx, codes, null)
    : await tx.query<{ code: string }>(
        'SELECT DISTINCT code FROM unit_version WHERE code = ANY($1::text[])',
        [codes],
      );
  const found = new Set(rows.map((r) => r.code));
  return codes.filter((c) => !found.has(c));
}

function refuseUnknown(field: string, unknown: readonly string[]): void {
  if (unknown.length === 0) return;
  const list = unknown.slice(0, 10).join(', ');
  throw invalid(
    field,
    `Pole „${field}”: rejestr TERYT nie zna jednostek: ${list}.`,
    `Field "${field}": the TERYT register has no units ${list}.`,
  );
}

/** The settings to store for an item of `kind` named `name`: checked, completed, a set stored as such. */
async function settle(
  tx: Queryable,
  kind: SavedKind,
  name: string,
  input: SettingsInput,
  known: KnownIds,
): Promise<Record<string, unknown>> {
  const checked = checkSettings(kind, input, known);
  if (!checked.ok) {
    const { field, messages } = checked.problem;
    throw invalid(field, messages.pl, messages.en);
  }
  const { value } = checked;
  if (value.kind === 'compare') {
    refuseUnknown('settings.units', await unknownUnits(tx, value.settings.units, false));
    return { ...value.settings };
  }
  if (value.kind === 'report') {
    refuseUnknown('settings.unit', await unknownUnits(tx, [value.settings.unit], false));
    const setId = /^set:(.+)$/.exec(value.settings.against)?.[1];
    if (setId) {
      const [set] = await tx.query('SELECT 1 AS n FROM reference_set WHERE id = $1', [setId]);
      if (!set) {
        throw invalid(
          'settings.against',
          `Pole „settings.against”: nie ma zestawu ${setId}.`,
          `Field "settings.against": there is no saved set ${setId}.`,
        );
      }
    }
    return { ...value.settings };
  }
  // A set compares like with like: units of today's register, of one level, no parts of gminy (as
  // pipeline/benchmarking.ts saveSet asks of anonymous sets).
  const { units } = value.settings;
  const rows = await unitsAt(tx, units, null);
  refuseUnknown(
    'settings.units',
    units.filter((c) => !rows.some((r) => r.code === c && r.level !== 'czesc_gminy')),
  );
  const levels = [...new Set(rows.map((r) => r.level))];
  if (levels.length !== 1) {
    throw invalid(
      'settings.units',
      'Pole „settings.units”: zestaw musi zawierać jednostki jednego szczebla (same gminy, powiaty albo województwa).',
      'Field "settings.units": a set must hold units of one level (only gminas, powiats or voivodeships).',
    );
  }
  const level = levels[0] as string;
  const { id } = await saveReferenceSet(tx, { name: name.slice(0, SET_NAME_LENGTH), level, units });
  return { units, setId: id, level };
}

const auditView = (item: StoredSavedItem) => ({ kind: item.kind, name: item.name, settings: item.settings });

export async function createSavedItem(
  db: Database,
  userId: number,
  input: SavedItemInput,
  actor: Actor,
  known: KnownIds,
): Promise<StoredSavedItem> {
  const name = cleanName(input.name);
  return db.transaction(async (tx) => {
    await items.lockUserForSaving(tx, userId);
    if ((await items.countSavedItems(tx, userId)) >= MAX_SAVED_ITEMS) {
      throw new AccountError(
        409,
        'limit-exceeded',
        {
          pl: `Konto może mieć najwyżej ${MAX_SAVED_ITEMS} zapisanych pozycji; usuń niepotrzebne, aby zapisać nową.`,
          en: `An account keeps at most ${MAX_SAVED_ITEMS} saved items; delete some to save a new one.`,
        },
        'kind',
      );
    }
    const settings = await settle(tx, input.kind, name, input.settings, known);
    const item = await items.insertSavedItem(tx, { userId, kind: input.kind, name, settings });
    await appendAudit(tx, {
      ...actor,
      action: 'saved.create',
      targetType: 'saved_item',
      targetId: item.id,
      after: auditView(item),
    });
    return item;
  });
}

async function owned(tx: Queryable, userId: number, id: number): Promise<StoredSavedItem> {
  const item = await items.getSavedItem(tx, userId, id);
  if (!item) throw notFound(id);
  return item;
}

export async function getOwnSavedItem(db: Queryable, userId: number, id: number): Promise<StoredSavedItem> {
  return owned(db, userId, id);
}

/** Renames and/or edits the user's item (its kind stays); a set is stored again under its new name. */
export async function changeSavedItem(
  db: Database,
  userId: number,
  id: number,
  change: { readonly name?: string | undefined; readonly settings?: SettingsInput | undefined },
  actor: Actor,
  known: KnownIds,
): Promise<StoredSavedItem> {
  return db.transaction(async (tx) => {
    const before = await owned(tx, userId, id);
    const name = change.name === undefined ? before.name : cleanName(change.name);
    const settings =
      change.settings !== undefined
        ? await settle(tx, before.kind, name, change.settings, known)
        : before.kind === 'set' && name !== before.name
          ? await settle(tx, 'set', name, { units: before.settings.units as string[] }, known)
          : before.settings;
    const after = (await items.updateSavedItem(tx, userId, id, { name, settings })) as StoredSavedItem;
    await appendAudit(tx, {
      ...actor,
      action: 'saved.update',
      targetType: 'saved_item',
      targetId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function removeSavedItem(db: Database, userId: number, id: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await owned(tx, userId, id);
    await items.deleteSavedItem(tx, userId, id);
    await appendAudit(tx, {
      ...actor,
      action: 'saved.delete',
      targetType: 'saved_item',
      targetId: id,
      before: { ...auditView(before), shared: before.shareToken !== null },
    });
  });
}

/**
 * Shares the item by a read-only link (`shared: true`; an already shared item keeps its link) or revokes
 * the link (`shared: false`: the old link answers 404 from then on; sharing again makes a new one). The
 * audit record says that it was shared, never the token.
 */
export async function setSharing(
  db: Database,
  userId: number,
  id: number,
  shared: boolean,
  actor: Actor,
): Promise<StoredSavedItem> {
  return db.transaction(async (tx) => {
    const before = await owned(tx, userId, id);
    if ((before.shareToken !== null) === shared) return before;
    const after = (await items.setShareToken(tx, userId, id, shared ? newToken() : null)) as StoredSavedItem;
    await appendAudit(tx, {
      ...actor,
      action: shared ? 'saved.share' : 'saved.unshare',
      targetType: 'saved_item',
      targetId: id,
      before: { name: before.name, shared: !shared },
      after: { name: after.name, shared },
    });
    return after;
  });
}
