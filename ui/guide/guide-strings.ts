import { registerTable } from '../i18n/runtime';

/**
 * The strings of the teacher's guide page (guide.html) and of its link on the Lessons tab: a table of their own, so
 * that the widget and the app's first screen do not download them (issue #18).
 * English source; `registerTable` fills it in the page's language from the `guide` entry of ui/i18n/es.ts and the
 * like (also when the table is first loaded on a page whose language is already set).
 */
export const GUIDE_STRINGS = {
  link: 'Teacher’s guide',
  pageTitle: 'ldn-sim: teacher’s guide',
  print: 'Print',
  backToApp: 'Back to ldn-sim',
  englishOnly: '',
  inThisVersion: (title: string, steps: number) => `In this version: “${title}”, ${steps} steps.`,
  notInGuide: 'Lessons of this version not yet described in the guide',
} as const;

registerTable('guide', GUIDE_STRINGS);
