/**
 * The lesson library (as models/index.ts is the model library): every lesson, in teaching order. A lesson is plain
 * data (engine/lesson/types.ts); adding one is a new file here and a line in this list.
 */
import type { Lesson } from '../engine/lesson/types';
import { bedtimeMorning } from './bedtime-morning';
import { doseJourney } from './dose-journey';
import { ldnHypothesis } from './ldn-hypothesis';
import { liver } from './liver';
import { opioids } from './opioids';
import { receptorsBlockade } from './receptors-blockade';

export const LESSONS: readonly Lesson[] = [doseJourney, receptorsBlockade, ldnHypothesis, bedtimeMorning, opioids, liver];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
