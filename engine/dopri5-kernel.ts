/**
 * Source of a model's own `Dopri5Stages` (engine/dopri5.ts): one step's six stages and its error norm as
 * straight-line code, each stage's right-hand side written out over scalar locals. It does exactly what
 * `genericDopri5Stages` does, operation for operation and in the same order (the same tableau numbers, printed
 * so that they read back exactly), so the results are bit-identical (test/engine/dopri5-kernel.test.ts); it
 * only leaves out six calls per step, the loops and the stores and loads of the stage states. On the ldn model a
 * population ran ~25% faster with it.
 */
import {
  A21, A31, A32, A41, A42, A43, A51, A52, A53, A54, A61, A62, A63, A64, A65, A71, A73, A74, A75, A76,
  C2, C3, C4, C5, D1, D3, D4, D5, D6, D7, E1, E3, E4, E5, E6, E7,
} from './dopri5-coefficients';
import { ERR, H, RTOL, T, THETA, TPH, type Dopri5Dense, type Dopri5Interpolate } from './dopri5';

/**
 * Lines of code that evaluate the right-hand side at time `time` and states `states` (JS expressions, one per
 * state) and assign dy/dt to the variables `into` (one per state). They run inside their own block.
 */
export type RhsBlock = (states: readonly string[], time: string, into: readonly string[]) => readonly string[];

/** A number as JS source that reads back as the same double (String() round-trips exactly). */
function num(v: number): string {
  return v < 0 ? `(${String(v)})` : String(v);
}

/**
 * The body of `function (p, y, w, atol)`: `Dopri5Stages` less its last argument, with the model's parameter
 * array first. `prelude` comes first (e.g. reading parameters into locals). The names it and
 * `rhsBlock` declare must not clash with the kernel's own: the arguments, `t`, `h`, `tph`, `rtol`, `scalars`, `k1`…`k7`, `ynew`,
 * `err`, `e`, `sk`, `q`, and `y_i`, `k1_i`…`k7_i`, `ynew_i` (model symbols, emitted as `$name`, never do).
 */
export function dopri5StagesSource(n: number, prelude: readonly string[], rhsBlock: RhsBlock): string {
  const ix = Array.from({ length: n }, (_, i) => i);
  const v = (name: string) => ix.map((i) => `${name}_${i}`);
  const [y, k1, k2, k3, k4, k5, k6, k7, yn] = ['y', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'ynew'].map(v) as string[][];
  /** y + h * (Σ a_j k_j), term by term as the generic loop writes it. */
  const combo = (terms: readonly [number, string[]][]) => ix.map((i) => `${y![i]} + h * (${terms.map(([a, k]) => `${num(a)} * ${k[i]}`).join(' + ')})`);
  const stage = (states: readonly string[], time: string, into: readonly string[]) => ['{', ...rhsBlock(states, time, into), '}'];
  const lines = [
    ...prelude,
    'const k1 = w.k1, k3 = w.k3, k4 = w.k4, k5 = w.k5, k6 = w.k6, k7 = w.k7, ynew = w.ynew, scalars = w.scalars;',
    `const t = scalars[${T}], h = scalars[${H}], tph = scalars[${TPH}], rtol = scalars[${RTOL}];`,
    ...ix.map((i) => `const ${y![i]} = y[${i}], ${k1![i]} = k1[${i}];`),
    `let ${[...k2!, ...k3!, ...k4!, ...k5!, ...k6!, ...k7!].join(', ')};`,
    ...stage(combo([[A21, k1!]]), `t + ${num(C2)} * h`, k2!),
    ...stage(combo([[A31, k1!], [A32, k2!]]), `t + ${num(C3)} * h`, k3!),
    ...stage(combo([[A41, k1!], [A42, k2!], [A43, k3!]]), `t + ${num(C4)} * h`, k4!),
    ...stage(combo([[A51, k1!], [A52, k2!], [A53, k3!], [A54, k4!]]), `t + ${num(C5)} * h`, k5!),
    ...stage(combo([[A61, k1!], [A62, k2!], [A63, k3!], [A64, k4!], [A65, k5!]]), 'tph', k6!),
    ...combo([[A71, k1!], [A73, k3!], [A74, k4!], [A75, k5!], [A76, k6!]]).map((c, i) => `const ${yn![i]} = ${c};`),
    ...stage(yn!, 'tph', k7!),
    ...ix.map((i) => `k3[${i}] = ${k3![i]}; k4[${i}] = ${k4![i]}; k5[${i}] = ${k5![i]}; k6[${i}] = ${k6![i]}; k7[${i}] = ${k7![i]}; ynew[${i}] = ${yn![i]};`),
    'let err = 0;',
    ...ix.map((i) => `{ const e = h * (${[[E1, k1!], [E3, k3!], [E4, k4!], [E5, k5!], [E6, k6!], [E7, k7!]].map(([a, k]) => `${num(a as number)} * ${(k as string[])[i]}`).join(' + ')}); `
      + `const sk = atol[${i}] + rtol * Math.max(Math.abs(${y![i]}), Math.abs(${yn![i]})); const q = e / sk; err += q * q; }`),
    `scalars[${ERR}] = Math.sqrt(err / ${n});`,
  ];
  return lines.join('\n');
}

/**
 * `Dopri5Dense` and `Dopri5Interpolate` written out for `n` states: `genericDopri5Dense` and
 * `genericDopri5Interpolate` operation for operation, without their loops (a third of a population
 * subject's integration went to dense output at a 30-minute grid). Made with `new Function`, so only
 * where generated code is allowed; cached by state count.
 */
export function dopri5DenseKernels(n: number): { readonly dense: Dopri5Dense; readonly interpolate: Dopri5Interpolate } {
  let made = denseKernels.get(n);
  if (made) return made;
  const ix = Array.from({ length: n }, (_, i) => i);
  const dense = [
    'const k1 = w.k1, k3 = w.k3, k4 = w.k4, k5 = w.k5, k6 = w.k6, k7 = w.k7, ynew = w.ynew;',
    'const r1 = w.r1, r2 = w.r2, r3 = w.r3, r4 = w.r4, r5 = w.r5;',
    `const h = w.scalars[${H}];`,
    ...ix.map((i) => `{ const yi = y[${i}], k1i = k1[${i}], k7i = k7[${i}]; const ydiff = ynew[${i}] - yi; const bspl = h * k1i - ydiff; `
      + `r1[${i}] = yi; r2[${i}] = ydiff; r3[${i}] = bspl; r4[${i}] = ydiff - h * k7i - bspl; `
      + `r5[${i}] = h * (${num(D1)} * k1i + ${num(D3)} * k3[${i}] + ${num(D4)} * k4[${i}] + ${num(D5)} * k5[${i}] + ${num(D6)} * k6[${i}] + ${num(D7)} * k7i); }`),
  ].join('\n');
  const interpolate = [
    'const r1 = w.r1, r2 = w.r2, r3 = w.r3, r4 = w.r4, r5 = w.r5, ys = w.ys;',
    `const th = w.scalars[${THETA}];`,
    'const th1 = 1 - th;',
    ...ix.map((i) => `ys[${i}] = r1[${i}] + th * (r2[${i}] + th1 * (r3[${i}] + th * (r4[${i}] + th1 * r5[${i}])));`),
  ].join('\n');
  made = {
    dense: new Function('y', 'w', dense) as Dopri5Dense,
    interpolate: new Function('w', interpolate) as Dopri5Interpolate,
  };
  denseKernels.set(n, made);
  return made;
}

const denseKernels = new Map<number, { readonly dense: Dopri5Dense; readonly interpolate: Dopri5Interpolate }>();
