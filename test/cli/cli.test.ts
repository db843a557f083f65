import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { prepareModel } from '../../engine/model/load';
import { simulate } from '../../engine/simulate';
import { expectClose } from '../helpers/expect-close';
import { runCli } from './run-cli';

const OC = ['--model', 'one-compartment'];

/** Bateman function with the one-compartment defaults (F 1, ka 2/h, CL 475 L/h, V 3000 L): closed form. */
function bateman(tH: number, doseMg: number, ka = 2, cl = 475, v = 3000): number {
  if (tH <= 0) return 0;
  const k = cl / v;
  return (doseMg * ka) / (v * (ka - k)) * (Math.exp(-k * tH) - Math.exp(-ka * tH));
}

function table(csv: string): { header: string[]; rows: number[][] } {
  const [header, ...rest] = parseCsv(csv);
  return { header: header!, rows: rest.map((r) => r.map(Number)) };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ldn-sim-cli-'));
}

/** Every bad-input path: exit 2, one clear line on stderr, no stack trace, nothing on stdout. */
function expectUsageError(args: string[], ...fragments: (string | RegExp)[]): string {
  const r = runCli(args);
  expect(r.status, `${args.join(' ')} → ${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ldn-sim: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const f of fragments) expect(r.stderr).toMatch(f);
  return r.stderr;
}

describe('ldn-sim command line: normal use', () => {
  it('--help prints usage with every command and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const word of ['simulate', 'metrics', 'model ID', 'models', '--step-min', '--events', 'not medical advice']) expect(r.stdout).toContain(word);
  });

  it('no command prints usage and exits 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Usage:');
  });

  it('models lists the built-in models', () => {
    const r = runCli(['models']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^one-compartment\s/m);
  });

  it('simulate writes RFC 4180 CSV with a row for every grid time including both ends', () => {
    const r = runCli(['simulate', ...OC, '--dose', '50', '--hours', '48', '--step-min', '5']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    expect(r.stdout.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const { header, rows } = table(r.stdout);
    expect(header).toEqual(['time_h', 'clock_h', 'conc_mg_per_l', 'amount_gut_mg', 'amount_central_mg', 'amount_eliminated_mg']);
    expect(rows).toHaveLength(48 * 12 + 1);
    expect(rows[0]![0]).toBe(0);
    expect(rows[rows.length - 1]![0]).toBe(48);
  });

  it('simulate output matches the Bateman function to 1e-6 of the peak (10 significant digits in the CSV)', () => {
    const r = runCli(['simulate', ...OC, '--dose', '50', '--hours', '24', '--step-min', '10']);
    const { rows } = table(r.stdout);
    const peak = Math.max(...rows.map((row) => bateman(row[0]!, 50)));
    for (const row of rows) expectClose(row[2]!, bateman(row[0]!, 50), { atol: 1e-6 * peak }, `t=${row[0]}`);
  });

  it('clock_h starts at --at and wraps at midnight', () => {
    const { rows } = table(runCli(['simulate', ...OC, '--dose', '1', '--at', '22:30', '--hours', '3', '--step-min', '30']).stdout);
    expect(rows.map((r) => r[1])).toEqual([22.5, 23, 23.5, 0, 0.5, 1, 1.5]);
  });

  it('--days gives one dose a day: the curve equals the superposition of Bateman curves', () => {
    const { rows } = table(runCli(['simulate', ...OC, '--dose', '4.5', '--days', '3', '--step-min', '15']).stdout);
    expect(rows[rows.length - 1]![0]).toBe(72);
    const ref = rows.map((row) => [0, 24, 48].reduce((s, d) => s + bateman(row[0]! - d, 4.5), 0));
    const peak = Math.max(...ref);
    rows.forEach((row, i) => expectClose(row[2]!, ref[i]!, { atol: 1e-6 * peak }));
  });

  it('--param changes a parameter (ka) exactly as the closed form says', () => {
    const { rows } = table(runCli(['simulate', ...OC, '--dose', '10', '--param', 'ka_per_h=0.7', '--param', 'cl_l_per_h=200']).stdout);
    const peak = Math.max(...rows.map((row) => bateman(row[0]!, 10, 0.7, 200)));
    for (const row of rows) expectClose(row[2]!, bateman(row[0]!, 10, 0.7, 200), { atol: 1e-6 * peak });
  });

  it('--events reads a dosing table (addl, ii_h) and matches superposition', () => {
    const dir = tmp();
    const file = join(dir, 'events.csv');
    writeFileSync(file, 'time_h,drug,amt_mg,ii_h,addl\r\n0,drug,2,12,2\n30,drug,5,,\n');
    const r = runCli(['simulate', ...OC, '--events', file, '--step-min', '20']);
    expect(r.status, r.stderr).toBe(0);
    const { rows } = table(r.stdout);
    expect(rows[rows.length - 1]![0]).toBe(48); // default span: through the day of the last dose
    const ref = rows.map((row) => bateman(row[0]!, 2) + bateman(row[0]! - 12, 2) + bateman(row[0]! - 24, 2) + bateman(row[0]! - 30, 5));
    const peak = Math.max(...ref);
    rows.forEach((row, i) => expectClose(row[2]!, ref[i]!, { atol: 1e-6 * peak }));
  });

  it('--out writes the file atomically and leaves no temporary file', () => {
    const dir = tmp();
    const out = join(dir, 'curves.csv');
    const r = runCli(['simulate', ...OC, '--dose', '50', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^time_h,clock_h,conc_mg_per_l/);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.json'))).toEqual(['curves.csv']);
  });

  it('model --json exports a model that rebuilds and runs to identical numbers', () => {
    const r = runCli(['model', 'one-compartment', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    for (const key of ['id', 'version', 'parameters', 'states', 'expressions', 'odes', 'outputs', 'doses']) expect(json).toHaveProperty(key);
    for (const p of json.parameters) for (const k of ['name', 'value', 'unit', 'label', 'source']) expect(p).toHaveProperty(k);
    const exprs = [...json.expressions.map((x: { expr: unknown }) => x.expr), ...Object.values(json.odes), ...json.outputs.map((o: { expr: unknown }) => o.expr)];
    for (const e of exprs) expect(String(e)).toMatch(/^[\w\s.+\-*/^(),]*$/);
    const dir = tmp();
    writeFileSync(join(dir, 'm.json'), r.stdout);
    const a = runCli(['simulate', '--model-file', join(dir, 'm.json'), '--dose', '7', '--hours', '30']);
    const b = runCli(['simulate', ...OC, '--dose', '7', '--hours', '30']);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('model ID describes parameters and outputs in words', () => {
    const r = runCli(['model', 'one-compartment']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ka_per_h');
    expect(r.stdout).toContain('conc_mg_per_l');
  });

  it('metrics gives Cmax, tmax, AUC and terminal half-life matching the closed forms', () => {
    const r = runCli(['metrics', ...OC, '--dose', '50', '--hours', '72', '--step-min', '1']);
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).columns.conc_mg_per_l;
    const k = 475 / 3000;
    const tmax = Math.log(2 / k) / (2 - k);
    expectClose(m.tmax_h, tmax, { atol: 1 / 60 }, 'tmax');
    expectClose(m.max, bateman(tmax, 50), { rtol: 1e-4 }, 'Cmax');
    // AUC(0–T) of the Bateman function: D/V·ka/(ka−k)·[(1−e^−kT)/k − (1−e^−kaT)/ka]
    const auc = (50 / 3000) * (2 / (2 - k)) * ((1 - Math.exp(-k * 72)) / k - (1 - Math.exp(-2 * 72)) / 2);
    expectClose(m.auc, auc, { rtol: 1e-5 }, 'AUC');
    expectClose(m.terminal_half_life_h, Math.LN2 / k, { rtol: 1e-3 }, 't½');
  });

  it('metrics reports hours above a threshold and inside a clock window', () => {
    const r = runCli(['metrics', ...OC, '--dose', '50', '--at', '22:00', '--hours', '24', '--step-min', '1',
      '--threshold', 'conc_mg_per_l=0.005', '--window', '23:00-07:00']);
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).columns.conc_mg_per_l;
    // Closed form: find the two crossings of the Bateman curve with 0.005 mg/L by bisection.
    const f = (t: number) => bateman(t, 50) - 0.005;
    const root = (a: number, b: number) => { for (let i = 0; i < 100; i++) { const c = (a + b) / 2; if (f(a) * f(c) <= 0) b = c; else a = c; } return (a + b) / 2; };
    const t1 = root(0, 1.377);
    const t2 = root(1.377, 24);
    expectClose(m.hours_above, t2 - t1, { atol: 1e-3 });
    // Window 23:00–07:00 is t = 1 h to 9 h after a 22:00 dose.
    expectClose(m.hours_above_in_window, Math.min(t2, 9) - Math.max(t1, 1), { atol: 1e-3 });
  });
});

describe('ldn-sim command line: bad input gets exit 2 and one clear message', () => {
  it('an unknown command lists the commands', () => expectUsageError(['simulat'], /unknown command "simulat"/, /simulate, .*metrics/));
  it('an unknown flag lists the valid flags', () => expectUsageError(['simulate', '--dse', '4'], /unknown option --dse/, /--dose/, /--step-min/));
  it('a flag without its value says what value it expects', () => expectUsageError(['simulate', ...OC, '--dose'], /--dose: expected a value \(MG\)/));
  it('a flag given twice is refused', () => expectUsageError(['simulate', ...OC, '--dose', '1', '--dose', '2'], /--dose is given twice/));
  it('a stray argument is refused', () => expectUsageError(['simulate', ...OC, '4.5'], /unexpected argument "4.5"/));
  it('a non-numeric dose is refused', () => expectUsageError(['simulate', ...OC, '--dose', 'abc'], /--dose: expected a dose in mg >= 0, got "abc"/));
  it('a negative dose is refused, not clamped', () => expectUsageError(['simulate', ...OC, '--dose=-1'], /--dose: expected a dose in mg >= 0, got "-1"/));
  it('an impossible clock time is refused', () => expectUsageError(['simulate', ...OC, '--at', '25:00'], /--at: expected HH:MM with HH 00–23/));
  it('a malformed clock time is refused', () => expectUsageError(['simulate', ...OC, '--at', '10pm'], /--at: expected a clock time HH:MM/));
  it('zero days is refused', () => expectUsageError(['simulate', ...OC, '--days', '0'], /--days: expected a whole number of daily doses >= 1/));
  it('fractional days are refused', () => expectUsageError(['simulate', ...OC, '--days', '1.5'], /--days: expected a whole number/));
  it('a zero span is refused', () => expectUsageError(['simulate', ...OC, '--hours', '0'], /--hours: expected a simulated span in hours > 0/));
  it('a zero step is refused', () => expectUsageError(['simulate', ...OC, '--step-min', '0'], /--step-min: expected an output step in minutes > 0/));
  it('a grid too fine to hold is refused before any work', () => expectUsageError(['simulate', ...OC, '--hours', '8760', '--step-min', '0.001'], /rows requested/));
  it('an unknown model lists the models', () => expectUsageError(['simulate', '--model', 'three-compartment'], /no built-in model "three-compartment"; available: .*one-compartment/));
  it('an unknown parameter lists the valid ones', () => expectUsageError(['simulate', ...OC, '--param', 'ka=1'], /--param ka: .*no such parameter; valid: f, ka_per_h, cl_l_per_h, v_l, tlag_h/));
  it('a parameter without a value is refused', () => expectUsageError(['simulate', ...OC, '--param', 'ka_per_h'], /--param: expected NAME=VALUE/));
  it('a non-numeric parameter value is refused', () => expectUsageError(['simulate', ...OC, '--param', 'ka_per_h=fast'], /--param ka_per_h: expected a number > 0 \(1\/h; its physical bounds\)/));
  it('a parameter outside its physical bounds is refused, not clamped', () => expectUsageError(['simulate', ...OC, '--param', 'f=-0.5'], /--param f: expected a number ≥ 0 \(fraction; its physical bounds\), got "-0.5"/));
  it('an unknown drug is refused', () => expectUsageError(['simulate', ...OC, '--drug', 'aspirin'], /--drug: .*no drug "aspirin"; expected one of drug/));
  it('--model and --model-file together are refused', () => expectUsageError(['simulate', ...OC, '--model-file', 'x.json'], /give one or the other/));
  it('a bad --window is refused', () => expectUsageError(['metrics', ...OC, '--window', '23:00'], /--window: expected HH:MM-HH:MM/));
  it('a threshold on an unknown column lists the columns', () => expectUsageError(['metrics', ...OC, '--threshold', 'conc=1'], /--threshold conc: no such column; columns: conc_mg_per_l/));
  it('model without an id lists the models', () => expectUsageError(['model'], /expected one model id \(available: .*one-compartment/));

  it('a missing events file is named', () => expectUsageError(['simulate', ...OC, '--events', '/nonexistent/e.csv'], /--events: cannot read \/nonexistent\/e.csv: no such file/));

  it('an events file with a wrong header names line 1 and the expected columns', () => {
    const f = join(tmp(), 'e.csv');
    writeFileSync(f, 'time,drug,amount\n0,drug,1\n');
    expectUsageError(['simulate', ...OC, '--events', f], /line 1: expected the header time_h,drug,amt_mg,ii_h,addl; missing time_h, amt_mg; unknown column time, amount/);
  });

  it('an events file with a bad number names the line and column', () => {
    const f = join(tmp(), 'e.csv');
    writeFileSync(f, 'time_h,drug,amt_mg,ii_h,addl\n0,drug,1,,\n24,drug,four,,\n');
    expectUsageError(['simulate', ...OC, '--events', f], /e\.csv line 3, column amt_mg: expected a dose in mg, got "four"/);
  });

  it('an events file with addl but no interval names the line and column', () => {
    const f = join(tmp(), 'e.csv');
    writeFileSync(f, 'time_h,drug,amt_mg,ii_h,addl\n0,drug,1,,3\n');
    expectUsageError(['simulate', ...OC, '--events', f], /line 2, column ii_h: expected an interval in hours when addl > 0/);
  });

  it('an events file with a drug the model lacks names the drug and the valid ones', () => {
    const f = join(tmp(), 'e.csv');
    writeFileSync(f, 'time_h,drug,amt_mg,ii_h,addl\n0,heroin,1,,\n');
    expectUsageError(['simulate', ...OC, '--events', f], /no drug "heroin"; expected one of drug/);
  });

  it('an events file together with --dose is refused', () => {
    const f = join(tmp(), 'e.csv');
    writeFileSync(f, 'time_h,drug,amt_mg,ii_h,addl\n0,drug,1,,\n');
    expectUsageError(['simulate', ...OC, '--events', f, '--dose', '3'], /--events replaces --dose/);
  });

  it('a model file that is not JSON is named', () => {
    const f = join(tmp(), 'm.json');
    writeFileSync(f, '{ not json');
    expectUsageError(['simulate', '--model-file', f], /--model-file: .*m\.json is not valid JSON/);
  });

  it('a model file with a bad expression names the model, the field and the expression', () => {
    const f = join(tmp(), 'm.json');
    const m = JSON.parse(runCli(['model', 'one-compartment', '--json']).stdout);
    m.id = 'mine';
    m.odes.central_mg = 'ka_per_h * gut_mg - kel * central_mg';
    writeFileSync(f, JSON.stringify(m));
    expectUsageError(['simulate', '--model-file', f, '--dose', '1'], /model "mine": odes\.central_mg: unknown symbol "kel" in "ka_per_h \* gut_mg - kel \* central_mg"/);
  });

  it('an --out folder that does not exist is refused and nothing is written', () => {
    const dir = tmp();
    expectUsageError(['simulate', ...OC, '--out', join(dir, 'no', 'such', 'x.csv')], /--out: the folder .* does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failing run writes no file, exits 1 and explains the step limit', () => {
    const dir = tmp();
    const m = JSON.parse(runCli(['model', 'one-compartment', '--json']).stdout);
    // A very stiff model: the non-stiff integrator cannot finish within its step limit.
    m.id = 'stiff';
    m.parameters.push({ name: 'kfast_per_h', value: 1e9, unit: '1/h', label: 'fast', source: 'test' });
    m.odes.central_mg = 'ka_per_h * gut_mg - kfast_per_h * central_mg';
    writeFileSync(join(dir, 'stiff.json'), JSON.stringify(m));
    const out = join(dir, 'x.csv');
    const r = runCli(['simulate', '--model-file', join(dir, 'stiff.json'), '--dose', '1', '--hours', '24', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ldn-sim: the simulation failed: integration stopped at t = .* step limit \(100000\)/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['stiff.json']);
  });
});

describe('engine and CLI agree', () => {
  it('the CLI CSV equals the engine result formatted to 10 significant digits', () => {
    const r = runCli(['simulate', ...OC, '--dose', '3', '--hours', '5', '--step-min', '60']);
    const json = JSON.parse(runCli(['model', 'one-compartment', '--json']).stdout);
    const res = simulate(prepareModel(json), { events: [{ timeH: 0, drug: 'drug', amtMg: 3 }], endH: 5, stepH: 1 });
    const { rows } = table(r.stdout);
    rows.forEach((row, i) => expectClose(row[2]!, res.columns[0]!.values[i]!, { rtol: 1e-9 }));
  });
});
