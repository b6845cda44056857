/**
 * Numbers written into downloaded files (issue 16, point 3): the value rounded as the pages show it, and the
 * value at full precision. Full precision is 16 significant digits: every computed value is a double, whose
 * last (17th) digit is the noise of binary arithmetic (779 115 / 327 = 2382.6146788990827), which readers
 * took for false precision; 16 digits keep everything the sources and the formula carry. Neither form uses
 * an exponent or a thousands separator, so every spreadsheet and statistics tool reads it as a number.
 */

/** `value` with at most 16 significant digits, trailing zeros dropped, never in exponent notation. */
export function fullPrecisionText(value: number, decimalComma = false): string {
  const text = plain(Number(value.toPrecision(16)));
  return decimalComma ? text.replace('.', ',') : text;
}

/** `value` rounded to `decimals` places (as the portal shows it); `null` decimals: full precision. */
export function roundedText(value: number, decimals: number | null, decimalComma = false): string {
  if (decimals === null) return fullPrecisionText(value, decimalComma);
  const rounded = value.toFixed(decimals);
  // toFixed(0) of -0.4 is "-0": a rounded zero has no sign.
  const text = /^-0(\.0*)?$/.test(rounded) ? rounded.slice(1) : rounded;
  return decimalComma ? text.replace('.', ',') : text;
}

/** A finite number in positional notation (String() switches to an exponent below 1e-6 and from 1e21). */
function plain(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}
