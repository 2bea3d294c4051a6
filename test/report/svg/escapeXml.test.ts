import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../src/report/svg/escapeXml.js';

describe('escapeXml', () => {
  it('escapes ampersands, angle brackets and both quotes', () => {
    expect(escapeXml(`Barnes & "Sons" <Ltd> 'n'`)).toBe('Barnes &amp; &quot;Sons&quot; &lt;Ltd&gt; &#39;n&#39;');
  });

  it('escapes an ampersand that already starts an entity, so text shows as written', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves other text, £ signs and accents alone', () => {
    expect(escapeXml('£1,234.50 Brixworth–Moulton é')).toBe('£1,234.50 Brixworth–Moulton é');
  });

  it('shows control and bidi characters as ? and line breaks as spaces, so a label cannot show reversed or break XML', () => {
    expect(escapeXml('a\u202eb\u2066c\u001bd\u0000e\nf')).toBe('a?b?c?d?e f');
  });
});
