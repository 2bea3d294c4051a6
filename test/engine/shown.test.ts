import { describe, expect, it } from 'vitest';
import { oneLine, plain, shown } from '../../src/engine/shown.js';

describe('plain', () => {
  it('replaces C0, DEL and C1 controls with ?, one for one, so escape sequences cannot act', () => {
    expect(plain('Alpha\u001b]0;pwned\u0007')).toBe('Alpha?]0;pwned?');
    expect(plain('a\u0000b\u007fc\u0085d\u009be')).toBe('a?b?c?d?e');
    expect(plain('North\u001b[2J')).toHaveLength('North\u001b[2J'.length);
  });

  it('replaces bidirectional controls and line separators, so a row cannot show reversed', () => {
    expect(plain('\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069i\u200ej\u200fk\u061cl\u2028m\u2029')).toBe('?a?b?c?d?e?f?g?h?i?j?k?l?m?');
  });

  it('keeps ordinary text whole, however long, with accents, £ and dashes', () => {
    const long = 'Brixworth–Moulton é £'.repeat(100);
    expect(plain(long)).toBe(long);
  });
});

describe('oneLine', () => {
  it('turns line breaks and tabs into one space each, and other controls into ?', () => {
    expect(oneLine('a\r\nb\nc\rd\te\u001bf')).toBe('a b c d e?f');
  });
});

describe('shown', () => {
  it('is plain text cut to max characters with an ellipsis', () => {
    expect(shown('Corby\u001b]0;pwned\u0007')).toBe('Corby?]0;pwned?');
    expect(shown('9'.repeat(100000))).toBe(`${'9'.repeat(59)}…`);
    expect(shown('abcdef', 4)).toBe('abc…');
    expect(shown('abcd', 4)).toBe('abcd');
  });
});
