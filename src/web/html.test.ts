import { describe, expect, it } from 'vitest';
import { html, raw } from './html.js';

/** Whitespace between tags comes from how the templates are laid out in source; it is not under test. */
const tight = (text: string): string => text.replace(/>\s+</g, '><');

describe('html templates', () => {
  it('escapes interpolated text but not nested templates', () => {
    const name = '<script>alert("x")</script> & Łódź';
    const out = html`<p title="${name}">${name}</p>
      ${html`<b>${'ok'}</b>`}${raw('<i>r</i>')}`;
    expect(tight(out.text)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Łódź">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Łódź</p><b>ok</b><i>r</i>',
    );
  });

  it('renders lists and leaves out null, undefined and false', () => {
    expect(
      tight(
        html`<ul>
          ${[1, 2].map((n) => html`<li>${n}</li>`)}${null}${false}${undefined}
        </ul>`.text,
      ),
    ).toBe('<ul><li>1</li><li>2</li></ul>');
  });
});
