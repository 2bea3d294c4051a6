import { describe, expect, it } from 'vitest';
import { gamma, mulberry32, normal } from '../../src/engine/random.js';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, and a different one for another seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('stays in [0, 1) with a mean near ½', () => {
    const random = mulberry32(42);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('normal and gamma', () => {
  it('draw normals with mean 0 and variance 1', () => {
    const random = mulberry32(7);
    const xs = Array.from({ length: 50_000 }, () => normal(random));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it.each([0.3, 1, 2.5, 40])('draws Gamma(%s, 1) with mean and variance equal to the shape', (shape) => {
    const random = mulberry32(11);
    const xs = Array.from({ length: 40_000 }, () => gamma(shape, random));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean - shape) / shape).toBeLessThan(0.03);
    expect(Math.abs(variance - shape) / shape).toBeLessThan(0.08);
    expect(xs.every((x) => x > 0)).toBe(true);
  });

  it('refuses a shape of 0 or less', () => {
    expect(() => gamma(0, mulberry32(1))).toThrow(RangeError);
  });
});
