/**
 * Numbers as Polish official files write them: a decimal comma (`1234,5`), spaces or non-breaking spaces
 * between groups of three digits (`1 790 658`: Excel and `Intl.NumberFormat('pl')` write U+00A0, some
 * exports U+202F), a typographic minus (U+2212) from copied tables. Anything else is refused with the
 * reason, never guessed: `12,3,4` or `1.234,5` could mean several numbers, and a silent wrong guess
 * becomes a wrong indicator.
 */

export type DecimalSeparator = ',' | '.';

export type ParsedNumber =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/** Spaces people and programs put between digit groups: space, no-break space, narrow no-break space, thin space. */
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/;

/**
 * Parses one cell. The text must be trimmed and non-empty (an empty cell is "no value", the caller's
 * business). `decimal` is the file's decimal separator; the other one is not accepted anywhere, because
 * neither BDL nor SIO nor MF exports use it as a thousands separator.
 */
export function parseDecimal(text: string, decimal: DecimalSeparator): ParsedNumber {
  const other = decimal === ',' ? '.' : ',';
  let body = text.replace(/^[\u2212\u2013]/, '-');
  if (body.includes(other)) {
    return {
      ok: false,
      reason: `a number with the decimal separator "${decimal}" (this one has "${other}"; if the whole file uses "${other}", set file.decimal: "${other}" in the mapping)`,
    };
  }
  if (GROUP_SPACES.test(body)) {
    // Groups must be the thousands groups: "1 234 567", not "12 34" (two numbers in one cell?).
    const [integer = '', ...fraction] = body.split(decimal);
    if (!/^[-+]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+$/.test(integer)) {
      return {
        ok: false,
        reason: 'a number with spaces only between groups of three digits (like 1 234 567)',
      };
    }
    body = [integer.replace(/[ \u00a0\u202f\u2009]/g, ''), ...fraction].join(decimal);
  }
  const pattern =
    decimal === ',' ? /^[-+]?(\d+(,\d*)?|,\d+)([eE][-+]?\d+)?$/ : /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  if (!pattern.test(body)) {
    return { ok: false, reason: `a number (digits, at most one decimal "${decimal}")` };
  }
  const value = Number(decimal === ',' ? body.replace(',', '.') : body);
  if (!Number.isFinite(value)) return { ok: false, reason: 'a finite number' };
  return { ok: true, value };
}
