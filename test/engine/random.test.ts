import { describe, expect, it } from 'vitest';
import { Xoshiro128, validateSeed } from '../../engine/random';
import { expectClose } from '../helpers/expect-close';

// Expected values come from an independent Python transcription of the reference C code
// (https://prng.di.unimi.it/xoshiro128starstar.c and splitmix64.c), run with Python 3 / numpy 2.4.6.

describe('xoshiro128** and SplitMix64 seeding', () => {
  it('the state 1, 2, 3, 4 gives the reference sequence 11520, 0, 5927040, 70819200, 2031721883, 1637235492', () => {
    const g = new Xoshiro128([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => g.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('subject 7 of seed 42 starts from SplitMix64(42·2^32 + 7) and matches the Python reference', () => {
    const g = Xoshiro128.forSubject(42, 7);
    expect(Array.from({ length: 4 }, () => g.nextUint32())).toEqual([163697591, 275134886, 1479572796, 559753699]);
    const d = Xoshiro128.forSubject(42, 7);
    expect([d.nextDouble(), d.nextDouble(), d.nextDouble()]).toEqual([0.03811381059929597, 0.34448988087719534, 0.8582730920044325]);
  });

  it('polar-method normals of seed 2024, subject 0 match the Python reference to the last few bits', () => {
    const g = Xoshiro128.forSubject(2024, 0);
    const ref = [-0.20358326385420428, -1.119316253460162, -0.17912851108851902, 1.5044344423721232, -0.24227415714191092];
    ref.forEach((x) => expectClose(g.nextNormal(), x, { rtol: 1e-14 }));
  });

  it('normals have mean 0 and variance 1 within sampling error (200 000 draws, 5 standard errors)', () => {
    const g = Xoshiro128.forSubject(1, 0);
    const n = 200_000;
    let s = 0, ss = 0;
    for (let i = 0; i < n; i++) { const z = g.nextNormal(); s += z; ss += z * z; }
    const mean = s / n;
    const variance = ss / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it('rejects seeds that are not whole numbers in [0, 2^32 − 1], naming the field', () => {
    for (const bad of [-1, 1.5, 2 ** 32, NaN]) expect(() => validateSeed(bad)).toThrow(/seed: expected a whole number in \[0, 4294967295\]/);
    expect(() => new Xoshiro128([0, 0, 0, 0])).toThrow(/all zero/);
  });
});
