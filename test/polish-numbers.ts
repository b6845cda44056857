/**
 * Polish number format written out independently of the portal's formatter (src/web/format.ts), so the
 * portal's pages are checked against a second implementation: 779115 → "779 115" (no-break space),
 * 2384.07 → "2 384,1", −0.78 → "−0,78".
 */
export const NBSP = '\u00a0';

export function polish(value: number, decimals: number): string {
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}
