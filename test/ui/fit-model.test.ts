import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { parseObservationsCsv, type FitResult } from '../../engine/fit';
import { modelSpec } from '../../models/registry';
import { curveRequest, estimableParameters, fitGroups, observedOutputs, observedPoints, residualsToCsv } from '../../ui/research/fit-model';

describe('the fit tool\'s plain logic (ui/research/fit-model.ts)', () => {
  const spec = modelSpec('ldn');
  const base = { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }], endH: 24, stepH: 0.1, startClockH: 22, params: { kp_brain: 0.4 } };

  it('offers every parameter but the fixed constants (molar masses)', () => {
    const names = estimableParameters(spec).map((p) => p.name);
    expect(names).toContain('kp_brain');
    expect(names).not.toContain('mw_naltrexone_base');
  });

  it('groups take their dose columns on top of the run; a scenario column is refused with its line', () => {
    const set = parseObservationsCsv('time_h,output,value,group,dose_mg,at,days\n1,mu_blockade,0.3,a,2,08:00,3\n1,mu_blockade,0.3,b,,,\n', 'o.csv');
    const [a, b] = fitGroups(spec, set, base);
    expect(a!.request.events).toEqual([{ timeH: 0, drug: 'naltrexone', amtMg: 2, iiH: 24, addl: 2 }]);
    expect(a!.request.startClockH).toBe(8);
    expect(a!.request.params).toEqual({ kp_brain: 0.4 });
    expect(b!.request).toBe(base);
    const withFile = parseObservationsCsv('time_h,output,value,scenario\n1,mu_blockade,0.3,s.json\n', 'o.csv');
    expect(() => fitGroups(spec, withFile, base)).toThrow('o.csv line 2, column scenario: the app cannot open scenario files');
    expect(curveRequest(a!, 30, { kp_brain: 0.5 })).toMatchObject({ endH: 48, stepH: 0.12, params: { kp_brain: 0.5 } });
  });

  it('charts the outputs observed at single times (not summaries), with error bars from sd or cv × value', () => {
    const set = parseObservationsCsv('time_h,output,value,sd,cv,lloq\n1,mu_blockade,0.3,0.05,,\n2,naltrexone_plasma_ng_per_ml,2,,0.2,\n3,naltrexone_plasma_ng_per_ml,0.01,,,0.1\n8,max:naltrexol_plasma_ng_per_ml,9,,,\n', 'o.csv');
    expect(observedOutputs(spec, set)).toEqual(['naltrexone_plasma_ng_per_ml', 'mu_blockade']);
    expect(observedPoints(set, 'all', 'naltrexone_plasma_ng_per_ml')).toEqual([
      { timeH: 2, value: 2, err: 0.4, censored: false }, { timeH: 3, value: 0.01, err: 0, censored: true },
    ]);
  });

  it('writes the residuals as CSV, one row per observation, quoted where needed', () => {
    const result = { residuals: [{ line: 2, group: 'a,b', timeH: 1, output: 'mu_blockade', observed: 0.3, predicted: 0.31, residual: 0.5, censored: false }] } as unknown as FitResult;
    const text = residualsToCsv(result);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['line', 'group', 'subject', 'time_h', 'output', 'observed', 'predicted', 'residual', 'censored'],
      ['2', 'a,b', '', '1', 'mu_blockade', '0.3', '0.31', '0.5', '0'],
    ]);
  });
});
