import { registerTable } from '../i18n/runtime';

/**
 * The strings of the Lessons tab, the lesson player (also in a widget's `lesson` mode), the printable worksheets and
 * the lesson list of the teacher's guide: a table of their own, loaded with the lessons, so that the widget and the
 * app's first screen do not download them (issue #18).
 * English source; `registerTable` fills it in the page's language from the `lessons` entry of ui/i18n/es.ts and the
 * like (also when the table is first loaded on a page whose language is already set).
 */
export const LESSON_STRINGS = {
  heading: 'Guided lessons',
  intro: 'Each lesson sets the simulator for you, asks you to predict, then shows the curves and explains them with numbers computed by the model. Your progress is kept in this browser only; nothing is sent anywhere.',
  minutes: (n: number) => `about ${n} min`,
  steps: (n: number) => `${n} steps`,
  start: 'Start',
  resume: (step: number, total: number) => `Continue (step ${step} of ${total})`,
  done: 'Completed',
  restart: 'Restart',
  restartLesson: (title: string) => `Restart the lesson “${title}”`,
  back: 'All lessons',
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  predict: 'Your prediction',
  check: 'Check my prediction',
  skip: 'Show the answer without predicting',
  yourAnswer: (typed: string) => `You predicted ${typed}.`,
  modelAnswer: (value: string) => `The model gives ${value}.`,
  close: 'Close: well predicted.',
  far: 'Not quite: compare your prediction with the curves.',
  rightChoice: 'Your choice matches the model.',
  wrongChoice: (right: string) => `The model says: ${right}.`,
  chooseFirst: 'Choose an answer, or show the answer without predicting.',
  typeFirst: (min: string, max: string) => `Enter a number from ${min} to ${max}, or show the answer without predicting.`,
  observe: 'What the model shows',
  previous: 'Previous step',
  next: 'Next step',
  finish: 'Finish the lesson',
  finished: 'Lesson completed. Well done!',
  computing: 'Running the model…',
  unavailable: (reason: string) => `This lesson cannot run with this version of the model: ${reason}.`,
  unknown: (id: string, known: string) => `lesson: no lesson "${id}"; lessons: ${known}`,
  worksheet: 'Printable worksheet',
  percentUnit: '%',
  hoursUnit: 'h',
  foldUnit: '×',
  answerKeyLink: 'Answer key',
  sheetTitle: (title: string) => `Worksheet: ${title}`,
  sheetName: 'Name',
  sheetDate: 'Date',
  sheetPredict: 'My prediction',
  sheetObserve: 'What the model shows (write it down):',
  sheetExplain: 'Why? Explain in your own words:',
  sheetKey: 'Answer key (for the teacher)',
  sheetAnswer: 'Model answer',
  sheetPrint: 'Print',
  sheetLessons: 'Worksheets',
  sheetHow: (url: string) => `Open ${url} and choose the lesson on the Lessons tab.`,
  sheetNoLesson: (id: string, known: string) => `No lesson "${id}". Lessons: ${known}.`,
} as const;

registerTable('lessons', LESSON_STRINGS);
