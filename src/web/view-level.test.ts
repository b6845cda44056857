import { describe, expect, it } from 'vitest';
import { PageError } from './page-error.js';
import { parseViewLevel, urlInView, viewSwitch } from './view-level.js';

describe('parseViewLevel', () => {
  it('is basic by default and advanced only when asked, by name', () => {
    expect(parseViewLevel(undefined)).toBe('basic');
    expect(parseViewLevel('podstawowy')).toBe('basic');
    expect(parseViewLevel('zaawansowany')).toBe('advanced');
    expect(() => parseViewLevel('expert')).toThrow(PageError);
  });
});

describe('urlInView', () => {
  it('adds or drops widok=zaawansowany and keeps every other parameter', () => {
    expect(urlInView('/jst/1261011?porownaj=neighbours', 'advanced')).toBe(
      '/jst/1261011?porownaj=neighbours&widok=zaawansowany',
    );
    expect(urlInView('/jst/1261011?widok=zaawansowany&rok=2019', 'basic')).toBe('/jst/1261011?rok=2019');
  });
});

describe('viewSwitch', () => {
  it('links to the other view in the page language and marks the current one', () => {
    const text = String(viewSwitch('en', '/jst/1261011', 'basic'));
    expect(text).toContain('<strong aria-current="page">basic (for residents)</strong>');
    expect(text).toContain('href="/en/jst/1261011?widok=zaawansowany"');
  });
});
