/**
 * Lesson progress, kept per lesson in the browser's local storage (key `ldn-sim.lessons.v1`). Nothing is sent
 * anywhere. Storage may be unavailable (private mode, a sandboxed frame): progress then lasts for the page only.
 */

/** A student's progress in one lesson. */
export interface LessonProgress {
  /** Index of the step shown (0-based). */
  readonly step: number;
  /** The prediction typed or chosen per step id (the choice id, or the number as typed). */
  readonly answers: Readonly<Record<string, string>>;
  /** Ids of the steps whose answer has been revealed. */
  readonly revealed: readonly string[];
  readonly done: boolean;
}

export const PROGRESS_KEY = 'ldn-sim.lessons.v1';
export const EMPTY_PROGRESS: LessonProgress = { step: 0, answers: {}, revealed: [], done: false };

let memory: Record<string, LessonProgress> = {};

function readAll(): Record<string, LessonProgress> {
  try {
    const text = globalThis.localStorage?.getItem(PROGRESS_KEY);
    const parsed: unknown = text ? JSON.parse(text) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, LessonProgress>) : {};
  } catch {
    return memory;
  }
}

/** The progress of a lesson (empty when none is stored or it cannot be read). */
export function loadProgress(lessonId: string, steps: number): LessonProgress {
  const p = readAll()[lessonId];
  if (!p || typeof p !== 'object' || !Number.isInteger(p.step)) return EMPTY_PROGRESS;
  return {
    step: Math.min(Math.max(0, p.step), Math.max(0, steps - 1)),
    answers: p.answers && typeof p.answers === 'object' ? p.answers : {},
    revealed: Array.isArray(p.revealed) ? p.revealed.filter((x) => typeof x === 'string') : [],
    done: p.done === true,
  };
}

/** Stores a lesson's progress (or forgets it with `null`: a restart). */
export function saveProgress(lessonId: string, p: LessonProgress | null): void {
  const all = { ...readAll() };
  if (p) all[lessonId] = p; else delete all[lessonId];
  memory = all;
  try { globalThis.localStorage?.setItem(PROGRESS_KEY, JSON.stringify(all)); } catch { /* storage unavailable: kept in memory */ }
}
