import { describe, expect, it } from 'vitest';
import { areaKey } from '../../src/engine/areaKey.js';

describe('areaKey', () => {
  it('keeps apart two areas with one code under two names, and two codes with one name', () => {
    const keys = new Set([
      areaKey({ code: 'D1', name: 'North' }),
      areaKey({ code: 'D1', name: 'South' }),
      areaKey({ code: 'D2', name: 'North' }),
      areaKey({ code: 'D1', name: 'North' }),
    ]);
    expect(keys.size).toBe(3);
  });

  it('cannot be fooled by a code and name that run into each other', () => {
    expect(areaKey({ code: 'D1', name: 'North' })).not.toBe(areaKey({ code: 'D1N', name: 'orth' }));
  });

  it('does not treat __proto__ as anything but a name', () => {
    const map = new Map([[areaKey({ code: '__proto__', name: 'constructor' }), 1]]);
    expect(map.get(areaKey({ code: '__proto__', name: 'constructor' }))).toBe(1);
  });
});
