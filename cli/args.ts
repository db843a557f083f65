import { parseClock } from '../engine/dosing';
import type { ClockWindow } from '../engine/metrics';

/** A bad command line: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  /** Placeholder for the value in help, e.g. `MG`; absent for a boolean switch. */
  readonly value?: string;
  readonly help: string;
  readonly repeatable?: boolean;
}

/** Parsed flags: last value for single flags, all values for repeatable ones, `true` for switches. */
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
}

/**
 * Parses `--flag value`, `--flag=value` and `--switch`. Unknown flags and repeated single flags are errors
 * that list the valid flags; nothing is guessed.
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg !== '-' && !/^-\d/.test(arg)) {
        throw new UsageError(`${command}: unknown option ${arg}; valid options: ${specs.map((s) => `--${s.name}`).join(', ')}`);
      }
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) {
      throw new UsageError(`${command}: unknown option --${name}; valid options: ${specs.map((s) => `--${s.name}`).join(', ')}`);
    }
    let value: string | true = true;
    if (spec.value) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) {
          throw new UsageError(`--${name}: expected a value (${spec.value})`);
        }
        value = next;
        i++;
      }
    } else if (eq >= 0) {
      throw new UsageError(`--${name} takes no value`);
    }
    if (spec.repeatable) {
      lists.set(name, [...(lists.get(name) ?? []), value as string]);
    } else {
      if (flags.has(name)) throw new UsageError(`--${name} is given twice; give it once`);
      flags.set(name, value);
    }
  }
  return { flags, lists, positional };
}

/** A finite number from a flag, or a UsageError naming the flag and what was expected. */
export function numberFlag(text: string, flag: string, what: string, check?: (x: number) => boolean): number {
  const t = text.trim();
  const x = Number(t);
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || !Number.isFinite(x) || (check && !check(x))) {
    throw new UsageError(`--${flag}: expected ${what}, got ${JSON.stringify(text)}`);
  }
  return x;
}

/** `HH:MM-HH:MM` (e.g. `23:00-07:00`, which wraps midnight) as a clock window, or a UsageError naming --window. */
export function parseWindow(text: string): ClockWindow {
  const m = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(text);
  if (!m) throw new UsageError(`--window: expected HH:MM-HH:MM (e.g. 23:00-07:00), got ${JSON.stringify(text)}`);
  try {
    return { startClockH: parseClock(m[1]!, '--window start'), endClockH: parseClock(m[2]!, '--window end') };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
