import { mkdtempSync, readFileSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { oneCompartment } from '../../models/one-compartment';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-research-'));
const oc = ['--model', 'one-compartment'];

describe('reproducible exports: every CSV comes with a scenario that regenerates it byte for byte', () => {
  it('simulate --out X.csv writes X.scenario.json; simulate --scenario reproduces the CSV exactly', () => {
    const a = join(dir, 'sim.csv');
    expect(runCli(['simulate', ...oc, '--dose', '20', '--days', '2', '--param', 'ka_per_h=1.3', '--at', '08:30', '--out', a]).status).toBe(0);
    const scenario = JSON.parse(readFileSync(join(dir, 'sim.scenario.json'), 'utf8'));
    expect(scenario).toMatchObject({ ldn_sim_scenario: 1, kind: 'simulate', model: { id: 'one-compartment', version: '1.0.0' }, start_clock_h: 8.5, end_h: 48 });
    expect(scenario.parameters.ka_per_h).toBe(1.3);
    const r = runCli(['simulate', '--scenario', join(dir, 'sim.scenario.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(a, 'utf8'));
  });

  it('a custom model file is embedded in the scenario and reruns identically (export → import → identical results)', () => {
    const modelFile = join(dir, 'custom.json');
    writeFileSync(modelFile, JSON.stringify({ ...oneCompartment, id: 'my-model', parameters: oneCompartment.parameters.map((p) => (p.name === 'v_l' ? { ...p, value: 1000 } : p)) }));
    const out = join(dir, 'custom.csv');
    expect(runCli(['simulate', '--model-file', modelFile, '--dose', '5', '--out', out]).status).toBe(0);
    const scenario = JSON.parse(readFileSync(join(dir, 'custom.scenario.json'), 'utf8'));
    expect(scenario.model.spec.id).toBe('my-model');
    expect(runCli(['simulate', '--scenario', join(dir, 'custom.scenario.json')]).stdout).toBe(readFileSync(out, 'utf8'));
  });

  it('population, sweep and sensitivity scenarios rerun through simulate --scenario with identical CSV', () => {
    const runs: [string, string[]][] = [
      ['pop', ['population', ...oc, '--n', '40', '--seed', '9', '--days', '2', '--threads', '2', '--cv', 'v_l=0']],
      ['sweep', ['sweep', ...oc, '--vary', 'dose=10..50/3', '--vary', 'at=08:00,22:00', '--metric', 'max:conc_mg_per_l', '--metric', 'auc_in_window:conc_mg_per_l', '--window', '23:00-07:00']],
      ['sens', ['sensitivity', ...oc, '--metric', 'auc:conc_mg_per_l', '--hours', '48']],
    ];
    for (const [name, args] of runs) {
      const out = join(dir, `${name}.csv`);
      const first = runCli([...args, '--out', out]);
      expect(first.status, first.stderr).toBe(0);
      const again = runCli(['simulate', '--scenario', join(dir, `${name}.scenario.json`)]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toBe(readFileSync(out, 'utf8'));
    }
    const pop = JSON.parse(readFileSync(join(dir, 'pop.scenario.json'), 'utf8'));
    expect(pop.population).toMatchObject({ n: 40, seed: 9 });
    expect(pop.population.variability.map((v: { parameter: string }) => v.parameter)).toEqual(['cl_l_per_h', 'ka_per_h']);
    expect(pop.solver).toEqual({ method: 'dopri5', rtol: 1e-4, atol: 1e-6, max_steps: 100000 });
  });

  it('--scenario-out writes the scenario of a stdout run', () => {
    const s = join(dir, 'stdout.scenario.json');
    const r = runCli(['simulate', ...oc, '--hours', '2', '--scenario-out', s]);
    expect(r.status).toBe(0);
    expect(runCli(['simulate', '--scenario', s]).stdout).toBe(r.stdout);
  });
});

describe('ldn-sim population', () => {
  it('writes time_h, clock_h and p05/p50/p95 per output; the same seed gives the same CSV on 1 or 2 threads', () => {
    const one = runCli(['population', ...oc, '--n', '30', '--seed', '4', '--hours', '24', '--threads', '1']);
    const two = runCli(['population', ...oc, '--n', '30', '--seed', '4', '--hours', '24', '--threads', '2']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const rows = parseCsv(one.stdout);
    expect(rows[0]!.slice(0, 5)).toEqual(['time_h', 'clock_h', 'conc_mg_per_l_p05', 'conc_mg_per_l_p50', 'conc_mg_per_l_p95']);
    expect(rows.length).toBe(1 + 49); // 30-minute default grid over 24 h
    const r = rows[5]!.map(Number);
    expect(r[2]!).toBeLessThan(r[3]!);
    expect(r[3]!).toBeLessThan(r[4]!);
  });

  it('2 and 3 threads (workers in lockstep over the dosing intervals) give the 1-thread CSV byte for byte; so does a varied lag (no lockstep)', () => {
    const ldn = ['--n', '45', '--seed', '6', '--days', '3', '--cv', 'cl_f_naltrexone_l_per_h=48', '--cv', 'ka_naltrexone_per_h=40'];
    const csv = ['1', '2', '3'].map((t) => runCli(['population', ...ldn, '--threads', t]));
    csv.forEach((r) => expect(r.status, r.stderr).toBe(0));
    expect(csv[1]!.stdout).toBe(csv[0]!.stdout);
    expect(csv[2]!.stdout).toBe(csv[0]!.stdout);
    const p50 = parseCsv(csv[0]!.stdout).map((r) => r[3]);
    expect(new Set(p50.slice(1)).size).toBeGreaterThan(100); // real curves, not a constant
    const lag = [...oc, '--n', '30', '--seed', '2', '--days', '2', '--param', 'tlag_h=0.5', '--cv', 'tlag_h=40'];
    const a = runCli(['population', ...lag, '--threads', '1']);
    const b = runCli(['population', ...lag, '--threads', '2']);
    expect(a.status, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('bad input: a clear message naming the flag, exit status 2, and no file written', () => {
    const out = join(dir, 'bad.csv');
    const cases: [string[], RegExp][] = [
      [['--n', '0'], /--n: expected a whole number of subjects >= 1, got "0"/],
      [['--seed', '-3'], /--seed: expected a whole number in \[0, 4294967295\]/],
      [['--cv', 'cl=30'], /--cv cl: the model has no such parameter; valid: f, ka_per_h/],
      [['--cv', 'tlag_h=30'], /variability\[3\] tlag_h: log-normal variability needs a value > 0, got 0/],
      [['--method', 'euler'], /--method: expected dopri5, dop853 or odex/],
      [['--scenario', join(dir, 'missing.json')], /--scenario: cannot read .*missing.json: no such file/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['population', ...(args[0] === '--scenario' ? [] : oc), ...args, '--out', out]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('bad'))).toBe(false);
  });

  it('--scenario with other simulation flags, or a broken scenario, is a usage error naming the field', () => {
    const s = join(dir, 'broken.scenario.json');
    writeFileSync(s, JSON.stringify({ ldn_sim_scenario: 1, kind: 'simulate', model: { id: 'one-compartment', version: '0.9.0' } }));
    const r = runCli(['simulate', '--scenario', s]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/model\.version: the file was made with model "one-compartment" "0\.9\.0", this ldn-sim has 1\.0\.0/);
    const clash = runCli(['simulate', '--scenario', s, '--dose', '3']);
    expect(clash.stderr).toMatch(/--scenario replaces the simulation options; give --scenario or --dose, not both/);
  });
});

describe('ldn-sim sweep and sensitivity', () => {
  it('sweep writes the swept variables then the metrics, one row per grid point', () => {
    const r = runCli(['sweep', ...oc, '--vary', 'dose=10,50', '--vary', 'cl_l_per_h=300..600/4', '--metric', 'max:conc_mg_per_l']);
    expect(r.status, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(['dose_mg', 'cl_l_per_h', 'conc_mg_per_l_max']);
    expect(rows.slice(1).map((x) => [x[0], x[1]])).toEqual([['10', '300'], ['10', '400'], ['10', '500'], ['10', '600'], ['50', '300'], ['50', '400'], ['50', '500'], ['50', '600']]);
    // The peak is proportional to the dose (linear model).
    expect(Number(rows[5]![2]) / Number(rows[1]![2])).toBeCloseTo(5, 8);
  });

  it('sweep and sensitivity reject bad flags with exit status 2', () => {
    const bad: [string[], RegExp][] = [
      [['sweep', ...oc, '--metric', 'max:conc_mg_per_l'], /--vary: expected one or two swept variables/],
      [['sweep', ...oc, '--vary', 'dose=1..5', '--metric', 'max:conc_mg_per_l'], /--vary dose: expected a number, got "1..5"/],
      [['sweep', ...oc, '--vary', 'dose=1,5'], /--metric: expected at least one metric/],
      [['sweep', ...oc, '--vary', 'dose=1,5', '--metric', 'max:mu'], /metric max:mu: no column "mu"; columns: conc_mg_per_l/],
      [['sensitivity', ...oc, '--metric', 'auc_in_window:conc_mg_per_l'], /needs a clock window/],
      [['sensitivity', ...oc, '--metric', 'auc:conc_mg_per_l', '--relative-step', '1'], /--relative-step: expected a relative step in \(0, 0.1\]/],
    ];
    for (const [args, message] of bad) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
