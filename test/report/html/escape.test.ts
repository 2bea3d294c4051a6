import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/report/html/escape.js';

describe('escapeHtml', () => {
  it('escapes ampersands, angle brackets and both quotes', () => {
    expect(escapeHtml(`<script>"a" & 'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;');
  });

  it('shows bidi and control characters as ?, so an override cannot reverse the rest of a sentence', () => {
    expect(escapeHtml('across \u202eevil\u2066 in\nNorth\u001b[2J')).toBe('across ?evil? in North?[2J');
  });
});
