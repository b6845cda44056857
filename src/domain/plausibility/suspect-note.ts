/**
 * How a value flagged suspect keeps what it was: the flag becomes SUSPECT_FLAG and the note names the rules
 * broken and the value's own flag and note, so the next check can lift the mark exactly when the rule no
 * longer holds (a revised value, a changed rule) and the source's flag comes back.
 *
 *   "suspect: dochody-wlasne-niezerowe | was: flag=3; note=input flags: 3, 9"
 */
import { SUSPECT_FLAG } from '../observations/flags.js';
import type { Observation } from '../observations/observation.js';

const PREFIX = 'suspect: ';
const WAS = ' | was: flag=';
const NOTE = '; note=';

/** The value as its source stored it (the mark lifted); an unmarked value is returned as it is. */
export function withoutSuspectMark<T extends Pick<Observation, 'flag' | 'note'>>(o: T): T {
  if (o.flag !== SUSPECT_FLAG || !o.note?.startsWith(PREFIX)) return o;
  const was = o.note.indexOf(WAS);
  if (was < 0) return { ...o, flag: null, note: null };
  const rest = o.note.slice(was + WAS.length);
  const noteAt = rest.indexOf(NOTE);
  const flagText = noteAt < 0 ? rest : rest.slice(0, noteAt);
  const note = noteAt < 0 ? null : rest.slice(noteAt + NOTE.length);
  return { ...o, flag: flagText === '-' ? null : Number(flagText), note };
}

/** The value flagged suspect for the rules named (the source's flag and note kept in the note). */
export function withSuspectMark<T extends Pick<Observation, 'flag' | 'note'>>(
  o: T,
  ruleIds: readonly string[],
): T {
  const source = withoutSuspectMark(o);
  const note =
    `${PREFIX}${[...ruleIds].sort().join(', ')}${WAS}${source.flag ?? '-'}` +
    (source.note === null ? '' : `${NOTE}${source.note}`);
  return { ...o, flag: SUSPECT_FLAG, note };
}

/** The rules a suspect value breaks, from its note; empty for any other value. */
export function suspectRules(o: Pick<Observation, 'flag' | 'note'>): string[] {
  if (o.flag !== SUSPECT_FLAG || !o.note?.startsWith(PREFIX)) return [];
  const end = o.note.indexOf(WAS);
  return o.note
    .slice(PREFIX.length, end < 0 ? undefined : end)
    .split(', ')
    .filter(Boolean);
}
