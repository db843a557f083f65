/**
 * A lesson is plain data, like a model (lessons/*.ts): a sequence of steps, each setting the simulator to a state,
 * asking the student to predict, then showing the curves and explaining with numbers computed from the run.
 * Texts are given per language (`{ en, es }`); `{name}` or `{name:format}` in a text is a placeholder filled with a
 * value the lesson computes from the simulation (never a number typed into the text).
 */

/** A text in every language of the app, by language code (`en`, `es`). */
export type LessonText = Readonly<Record<string, string>>;

/** How a placeholder or an answer is shown: a fraction as a percentage, hours, a clock time, a number, mg, ng/mL, or "×". */
export type ValueFormat = 'percent' | 'hours' | 'clock' | 'number' | 'mg' | 'ngml' | 'fold';

/**
 * The state a step sets, as a patch over the previous step's state (the first step patches the defaults:
 * model `ldn`, naltrexone 4.5 mg daily at 22:00, 1 day, no co-medication, healthy liver).
 */
export interface LessonScenario {
  /** Built-in model id. Default `ldn`. */
  readonly model?: string;
  /** Daily naltrexone dose, mg of the hydrochloride salt (0–150; 0 = none). */
  readonly doseMg?: number;
  /** Clock time of time 0 and of each daily dose, `HH:MM`. */
  readonly clock?: string;
  /** Simulated days (1–56); naltrexone is dosed once a day over them. */
  readonly days?: number;
  /** Hours after time 0 of the first naltrexone dose (default 0), e.g. after an opioid course. */
  readonly naltrexoneStartH?: number;
  /** Opioid co-medication from time 0, or `null` for none. */
  readonly agonist?: LessonAgonist | null;
  /** Preset option per preset group of the model, e.g. `{ hepatic: 'compensated-cirrhosis', blockade: 'brief' }`. */
  readonly presets?: Readonly<Record<string, string>>;
  /** Parameter overrides by name (within each parameter's range). */
  readonly params?: Readonly<Record<string, number>>;
}

/** An opioid agonist dosed from time 0 every `everyH` hours, until `untilH` (exclusive; default: the end of the run). */
export interface LessonAgonist {
  /** Drug as the model names it (`morphine`, `codeine`, `tramadol`, `hydrocodone`). Default `morphine`. */
  readonly drug?: string;
  readonly amtMg: number;
  readonly everyH: number;
  readonly untilH?: number;
}

/** One answer choice; it is the right one when `when` (an answer expression) is not 0. */
export interface LessonChoice {
  readonly id: string;
  readonly text: LessonText;
  readonly when: string;
}

/** A prediction asked before the curves are shown. */
export type LessonQuestion =
  | {
    readonly kind: 'choice';
    readonly prompt: LessonText;
    /** Exactly one choice's `when` must hold for the step's run (the lesson test checks it). */
    readonly choices: readonly LessonChoice[];
  }
  | {
    readonly kind: 'number';
    readonly prompt: LessonText;
    /** The expected value, an answer expression over the step's run (in the model's units: fractions, hours, …). */
    readonly answer: string;
    /** How the student types it: `percent` means a percentage (0–100) of a fraction answer. */
    readonly format: ValueFormat;
    /** Accepted distance from the answer, in the typed unit (e.g. 10 = ±10 percentage points). */
    readonly tolerance: number;
    /** Bounds and step of the input, in the typed unit. */
    readonly min: number;
    readonly max: number;
    readonly step: number;
  };

/** One step: set the simulator, predict, observe, explain. */
export interface LessonStep {
  readonly id: string;
  readonly title: LessonText;
  /** The state of the simulator for this step (a patch over the previous step's). */
  readonly scenario: LessonScenario;
  /** Chart ids to show (`plasma`, `blockade`, `adaptation`, `tlr4`); default all. */
  readonly charts?: readonly string[];
  /**
   * Named values computed from this step's run (answer expressions). They fill placeholders in this step's
   * `explain` and in every later step's texts, and are symbols in later expressions.
   */
  readonly values?: Readonly<Record<string, string>>;
  /** Shown before predicting. Its placeholders may only use earlier steps' values (the student has not seen this run). */
  readonly prompt: LessonText;
  readonly question?: LessonQuestion;
  /** Shown with the curves, after the prediction. */
  readonly explain: LessonText;
}

/** A lesson (lessons/ID.ts). */
export interface Lesson {
  /** Id used in `lesson="ID"` and in links; lower case, digits and hyphens. */
  readonly id: string;
  readonly title: LessonText;
  /** One sentence for the lesson list. */
  readonly summary: LessonText;
  /** Expected time in class, minutes (10–20). */
  readonly minutes: number;
  /** Placeholder formats by value name (default `number`); a placeholder `{name:format}` overrides it. */
  readonly formats?: Readonly<Record<string, ValueFormat>>;
  readonly steps: readonly LessonStep[];
}
