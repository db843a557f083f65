/**
 * Seeded random numbers for population runs: reproducible, identical in Node and in browsers, and organised in
 * one independent stream per subject, so that subject i's draws depend only on the seed and i (N = 100 is a
 * prefix of N = 1000, and a worker pool may split subjects any way it likes).
 *
 * - Uniform stream: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c), 32-bit
 *   integer arithmetic only (`Math.imul`, shifts), so the integers are bit-identical on every JS engine.
 * - Seeding: the four state words of subject i are the two outputs of SplitMix64
 *   (https://prng.di.unimi.it/splitmix64.c) started at `seed · 2^32 + i`, as Vigna recommends for xoshiro.
 * - Normals: Marsaglia's polar method (Marsaglia & Bray, SIAM Review 1964;6:260), which needs only `Math.sqrt`
 *   (correctly rounded by IEEE 754) and `Math.log`. V8 (Node, Chrome, Edge) and Firefox both use fdlibm's
 *   `log`, so normals are bit-identical there; an engine with another libm could differ by an ulp.
 */

/** Largest seed accepted: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** Checks a seed: a whole number in [0, 2^32 − 1]. @throws RangeError naming `field`. */
export function validateSeed(seed: number, field = 'seed'): void {
  if (!(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    throw new RangeError(`${field}: expected a whole number in [0, ${MAX_SEED}], got ${String(seed)}`);
  }
}

const M64 = (1n << 64n) - 1n;

/** The two 64-bit outputs of SplitMix64 started at `x`, as four 32-bit words (high word first). */
function splitmix64Words(x: bigint): [number, number, number, number] {
  const words: number[] = [];
  let s = x & M64;
  for (let k = 0; k < 2; k++) {
    s = (s + 0x9e3779b97f4a7c15n) & M64;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    z = z ^ (z >> 31n);
    words.push(Number(z >> 32n), Number(z & 0xffffffffn));
  }
  return words as [number, number, number, number];
}

/** A xoshiro128** generator. Not cryptographic. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** From four 32-bit state words (not all zero). */
  constructor(words: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = words.map((w) => w >>> 0) as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) throw new RangeError('xoshiro128**: the state must not be all zero');
  }

  /** The stream of subject `subject` (0-based) for `seed`: SplitMix64 at `seed · 2^32 + subject`. */
  static forSubject(seed: number, subject: number): Xoshiro128 {
    validateSeed(seed);
    if (!(Number.isInteger(subject) && subject >= 0 && subject <= MAX_SEED)) {
      throw new RangeError(`subject: expected a whole number in [0, ${MAX_SEED}], got ${subject}`);
    }
    return new Xoshiro128(splitmix64Words((BigInt(seed) << 32n) | BigInt(subject)));
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits (27 from one output, 26 from the next). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Standard normal N(0, 1) by Marsaglia's polar method. Each accepted pair gives two normals; the second is
   * kept for the next call.
   */
  nextNormal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * m;
        return u * m;
      }
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
