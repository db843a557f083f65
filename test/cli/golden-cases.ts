/**
 * The command lines whose output must not change when code moves (issue #18's "tidier house"): every command that
 * writes a CSV or JSON, for both built-in models. test/cli/byte-identical.test.ts runs them and compares the
 * SHA-256 of stdout and of the scenario JSON with the hashes recorded from the code before the moves.
 */
export const GOLDEN_CASES: readonly { readonly name: string; readonly args: readonly string[]; readonly scenario: boolean }[] = [
  { name: 'simulate ldn', args: ['simulate', '--dose', '4.5', '--days', '2', '--step-min', '30'], scenario: true },
  { name: 'simulate ldn hepatic', args: ['simulate', '--dose', '50', '--at', '08:00', '--hepatic', 'compensated-cirrhosis', '--step-min', '60', '--param', 'mme_codeine=0.2'], scenario: true },
  { name: 'simulate ldn co-medication (events file)', args: ['simulate', '--events', '$EVENTS', '--step-min', '120'], scenario: true },
  { name: 'simulate one-compartment', args: ['simulate', '--model', 'one-compartment', '--dose', '20', '--days', '2', '--param', 'ka_per_h=1.3', '--at', '08:30', '--step-min', '20'], scenario: true },
  { name: 'metrics ldn', args: ['metrics', '--dose', '4.5', '--days', '3', '--threshold', 'mu_blockade=0.5', '--window', '23:00-07:00'], scenario: false },
  { name: 'metrics one-compartment', args: ['metrics', '--model', 'one-compartment', '--dose', '50', '--hours', '48'], scenario: false },
  { name: 'population ldn', args: ['population', '--dose', '4.5', '--n', '40', '--seed', '3', '--threads', '1'], scenario: true },
  { name: 'population one-compartment', args: ['population', '--model', 'one-compartment', '--n', '50', '--seed', '9', '--days', '2', '--threads', '2'], scenario: true },
  { name: 'sweep ldn', args: ['sweep', '--vary', 'dose=1..4.5/3', '--vary', 'at=08:00,22:00', '--metric', 'max:mu_blockade', '--metric', 'hours_above_in_window:mu_blockade:0.5', '--window', '23:00-07:00'], scenario: true },
  { name: 'sweep one-compartment', args: ['sweep', '--model', 'one-compartment', '--vary', 'dose=10,50', '--vary', 'cl_l_per_h=300..600/4', '--metric', 'max:conc_mg_per_l'], scenario: true },
  { name: 'sensitivity ldn', args: ['sensitivity', '--dose', '4.5', '--metric', 'max:mu_blockade'], scenario: true },
  { name: 'sensitivity one-compartment', args: ['sensitivity', '--model', 'one-compartment', '--metric', 'auc:conc_mg_per_l', '--hours', '48'], scenario: true },
];

/** The events file `$EVENTS` stands for: the README's morphine example (morphine 10 mg every 6 h for 3 days, then naltrexone). */
export const GOLDEN_EVENTS_CSV = 'time_h,drug,amt_mg,ii_h,addl\n0,morphine,10,6,11\n190,naltrexone,4.5,24,6\n';
