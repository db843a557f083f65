import { describe, expect, it } from 'vitest';
import { expand } from '../../engine/dosing';
import { BUILTIN_MODELS, builtinModel } from '../../models/registry';
import { LIMITS, LimitError, checkEvents, checkGrid, checkTitration, doseCount, gridRows } from '../../engine/limits';
import { checkExpression, checkFileSize, checkModelSize, checkPopulation, checkString, checkSweepCells, checkTextSize, jsonDepth, parseJsonLimited, utf8Bytes } from '../../engine/input-limits';
import { outputGrid } from '../../engine/simulate';

/** The error a check throws, for its message. */
function thrown(f: () => void): LimitError {
  try { f(); } catch (err) { return err as LimitError; }
  throw new Error('expected the check to throw');
}

describe('limits: each at the limit passes, one over is refused naming the field, the value and the limit', () => {
  it('output rows: gridRows counts the rows outputGrid builds (at the limit, and for ragged ends)', () => {
    for (const [endH, stepH] of [[24, 1 / 12], [10, 3], [8760, 0.25], [1, 0.3], [0.7, 0.1], [LIMITS.outputRows - 1, 1]] as const) {
      expect(gridRows(endH, stepH)).toBe(outputGrid(endH, stepH).length);
    }
    expect(() => checkGrid(LIMITS.outputRows - 1, 1)).not.toThrow(); // 0..199999: 200 000 rows
    const e = thrown(() => checkGrid(LIMITS.outputRows, 1));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe('step_h: 200 001 rows requested (span 200000 h / step 1 h); at most 200 000 are allowed');
    expect(() => checkGrid(190000, 0.1, 'end_h')).toThrow(/^end_h: 1 900 001 rows/);
  });

  it('doses after expanding addl: counted (as expand would make them), never expanded', () => {
    const evs = [{ timeH: 0, drug: 'd', amtMg: 1, iiH: 24, addl: 6 }, { timeH: 3, drug: 'd', amtMg: 1 }, { timeH: 5, drug: 'd', amtMg: 1, iiH: 1, addl: 0 }];
    expect(doseCount(evs)).toBe(expand(evs).length);
    expect(() => checkEvents([{ addl: LIMITS.doses - 1 }])).not.toThrow();
    expect(thrown(() => checkEvents([{ addl: LIMITS.doses }])).message).toBe('events: 50 001 doses after expanding addl; at most 50 000 are allowed');
    const t0 = performance.now();
    expect(() => checkEvents([{ addl: 1e8 }], 'events[0]')).toThrow(/^events\[0\]: 100 000 001 doses after expanding addl/);
    expect(performance.now() - t0).toBeLessThan(1000); // not a speed claim: 1e8 doses are never built
  });

  it('dosing records', () => {
    expect(() => checkEvents(Array.from({ length: LIMITS.eventRecords }, () => ({})))).not.toThrow();
    expect(() => checkEvents(Array.from({ length: LIMITS.eventRecords + 1 }, () => ({})))).toThrow('events: 10 001 dosing records; at most 10 000 are allowed');
  });

  it('titration steps and days per step', () => {
    expect(() => checkTitration(Array.from({ length: LIMITS.titrationSteps }, () => ({ days: LIMITS.titrationStepDays })))).not.toThrow();
    expect(() => checkTitration(Array.from({ length: LIMITS.titrationSteps + 1 }, () => ({ days: 1 })))).toThrow('titration: 101 titration steps; at most 100 are allowed');
    expect(() => checkTitration([{ days: 7 }, { days: 1_000_000 }])).toThrow('titration[1].days: 1 000 000 days in one step; at most 3 650 are allowed');
  });

  it('population: subjects, and subjects × grid times × outputs', () => {
    expect(() => checkPopulation(LIMITS.subjects, 1, 1, 1)).not.toThrow(); // 2 grid times × 1 output
    expect(() => checkPopulation(LIMITS.subjects + 1, 1, 1, 1)).toThrow('n: 100 001 subjects; at most 100 000 are allowed');
    // 1000 subjects, 28 days on a 30-minute grid (1345 times), 10 outputs: 13 450 000 values, allowed.
    expect(() => checkPopulation(1000, 28 * 24, 0.5, 10)).not.toThrow();
    // 2000 × 1000 grid times (999 h / 1 h) × 10 = the limit exactly; one more subject is over.
    expect(() => checkPopulation(2000, 999, 1, 10)).not.toThrow();
    expect(() => checkPopulation(2001, 999, 1, 10)).toThrow(/^n: 20 010 000 values to store \(2001 subjects × 1000 grid times × 10 outputs/);
  });

  it('sweep cells', () => {
    expect(() => checkSweepCells([100, 100])).not.toThrow();
    expect(() => checkSweepCells([100, 101])).toThrow('sweep: 10 100 grid points; at most 10 000 are allowed');
  });

  it('file bytes, from metadata or from the text (UTF-8 bytes, not characters)', () => {
    expect(() => checkFileSize(LIMITS.fileBytes, 'f.csv')).not.toThrow();
    expect(() => checkFileSize(LIMITS.fileBytes + 1, 'f.csv')).toThrow('f.csv: 1 048 577 bytes; at most 1 048 576 are allowed');
    expect(() => checkTextSize('a'.repeat(LIMITS.fileBytes), 'f')).not.toThrow();
    expect(() => checkTextSize('a'.repeat(LIMITS.fileBytes + 1), 'f')).toThrow(/^f: 1 048 577 bytes/);
    // 'é' is 2 bytes in UTF-8: half the limit in characters is the limit in bytes.
    expect(() => checkTextSize('é'.repeat(LIMITS.fileBytes / 2), 'f')).not.toThrow();
    expect(() => checkTextSize('é'.repeat(LIMITS.fileBytes / 2) + 'a', 'f')).toThrow(/^f: 1 048 577 bytes/);
  });

  it('JSON nesting depth, by a scan that skips strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{"}],"c":"\\"["}')).toBe(3);
    const nested = (d: number) => '['.repeat(d) + ']'.repeat(d);
    expect(parseJsonLimited(nested(LIMITS.jsonDepth), 'x.json')).toBeInstanceOf(Array);
    expect(() => parseJsonLimited(nested(LIMITS.jsonDepth + 1), 'x.json')).toThrow('x.json: 21 levels of nesting; at most 20 are allowed');
    expect(() => parseJsonLimited('['.repeat(5_000_00), 'x.json')).toThrow(LimitError);
    expect(() => parseJsonLimited('{"a":', 'x.json')).toThrow(/^x\.json: not valid JSON: /);
  });

  it('expression length and parenthesis depth', () => {
    expect(() => checkExpression('1+'.repeat(LIMITS.expressionChars / 2 - 1) + '11', 'odes.a')).not.toThrow();
    expect(() => checkExpression('1+'.repeat(LIMITS.expressionChars / 2) + '1', 'odes.a')).toThrow('odes.a: 2 001 characters in an expression; at most 2 000 are allowed');
    const deep = (d: number) => '('.repeat(d) + 'x' + ')'.repeat(d);
    expect(() => checkExpression(deep(LIMITS.expressionDepth), 'e')).not.toThrow();
    expect(() => checkExpression(deep(LIMITS.expressionDepth + 1), 'e')).toThrow('e: 33 levels of parentheses; at most 32 are allowed');
  });

  it('strings', () => {
    expect(() => checkString('x'.repeat(LIMITS.stringChars), 'label')).not.toThrow();
    expect(() => checkString('x'.repeat(LIMITS.stringChars + 1), 'label')).toThrow('label: 10 001 characters; at most 10 000 are allowed');
  });

  it('model size: the built-in models pass; too many items, a long expression or string anywhere are refused', () => {
    for (const id of ['ldn', 'one-compartment']) expect(() => checkModelSize(builtinModel(id).spec)).not.toThrow();
    const spec = builtinModel('one-compartment').spec;
    const params = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, value: 1, unit: '1', source: 's' }));
    const others = spec.states.length + spec.expressions.length + spec.outputs.length + spec.doses.length + Object.keys(spec.odes).length;
    expect(() => checkModelSize({ ...spec, parameters: params(LIMITS.modelItems - others) })).not.toThrow();
    expect(() => checkModelSize({ ...spec, parameters: params(LIMITS.modelItems - others + 1) })).toThrow(/^model: 1 001 named items/);
    expect(() => checkModelSize({ ...spec, odes: { ...spec.odes, x: 'a+'.repeat(5000) } })).toThrow(/^model\.odes\.x: 10 000 characters in an expression/);
    expect(() => checkModelSize({ ...spec, description: 'x'.repeat(LIMITS.stringChars + 1) })).toThrow(/^model\.description: 10 001 characters/);
    expect(() => checkModelSize({ ...spec, parameters: [{ ...spec.parameters[0], source: 'x'.repeat(20_000) }] })).toThrow(/^model\.parameters\[0\]\.source: 20 000 characters/);
  });
});

describe('utf8Bytes: UTF-8 length without encoding', () => {
  it('equals TextEncoder on ASCII, 2-, 3- and 4-byte characters, lone and paired surrogates, and 2 000 seeded random strings', () => {
    const cases = ['', 'a', 'é', '€', '𝔘', 'a€𝔘é', '\ud800', '\udc00x', '\ud800\ud800\udc00', 'x\ud83d'];
    let s = 1;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let k = 0; k < 2000; k++) cases.push(Array.from({ length: Math.floor(rnd() * 20) }, () => String.fromCharCode(Math.floor(rnd() * 0x10000))).join(''));
    for (const t of cases) expect(utf8Bytes(t), JSON.stringify(t)).toBe(new TextEncoder().encode(t).length);
  });
  it('checkTextSize refuses 1 MiB + 1 byte of two-byte characters, naming the field and the byte count', () => {
    const text = 'é'.repeat(LIMITS.fileBytes / 2) + 'a';
    expect(() => checkTextSize(text, 'big.csv')).toThrow(`big.csv: ${(LIMITS.fileBytes + 1).toLocaleString('en-US').replace(/,/g, ' ')} bytes; at most`);
  });
});
