/**
 * Hostile values for every parameter of every OpenAPI operation and portal page (issue 14, point 8): the
 * inputs that answered 500 when the product was probed (unbounded integers, Infinity, NUL, impossible
 * dates) and their relatives. A request built from them must never answer 5xx.
 */

/** Query or path values, already percent-encoded where the raw character would break the URL. */
export const BAD_VALUES: readonly string[] = [
  '99999999999999999999999',
  '1e308',
  '-1e308',
  'Infinity',
  '-Infinity',
  'NaN',
  '-1',
  '0',
  '1.5',
  '2147483648',
  '9007199254740993',
  '%00',
  'a%00b',
  '%01%1F%7F',
  '%0D%0A',
  '%09',
  '%C2%85',
  '%FF%FE',
  '%E2%80%AE',
  'x'.repeat(5000),
  '2024-13-45',
  '2024-02-30',
  '0000-00-00',
  '9999-99-99',
  'unknown-value',
  '',
  '%20',
  ',,,',
  '1,1,1',
  '2019-1900',
  '1000-9999',
  'set:',
  'set:%00',
  'set:' + 'A'.repeat(64),
  "'; DROP TABLE unit_version; --",
  '__proto__',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
];

/** JSON bodies for POST /api/v1/sets that must all be refused with 4xx (or stored within bounds). */
export const BAD_SET_BODIES: readonly unknown[] = [
  { name: '\u0000', units: ['1261011', '1465011'] },
  { name: 'a\u0007b', units: ['1261011', '1465011'] },
  { name: 'x'.repeat(100_000), units: ['1261011', '1465011'] },
  { name: 'ok', units: Array.from({ length: 5000 }, (_, i) => String(1000000 + i)) },
  { name: 'ok', units: ['1261011', '\u0000'] },
  { name: 'ok', units: 'not a list' },
  { name: 'ok' },
  {},
  [],
  null,
  'text',
  { name: 'ok', units: ['99', '1261011'] },
];
