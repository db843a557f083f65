import { describe, expect, it } from 'vitest';
import { gateScript } from '../../scripts/first-screen-markup';
import { FIRST_SCREEN_GATE } from '../../ui/app/static-first-screen';
import { LANGUAGES, browserLanguages, pickLanguage } from '../../ui/i18n/runtime';

// The static first screen (issue #18) is the English default scenario. The gate in the page's head must hide it
// exactly when the app will show something else: the language `<ldn-app>` picks (`pickLanguage` of `?lang=` and the
// browser's languages) is not English, or the link has a scenario (a hash). The truth is the app's own choice.

/** Runs the gate with a page's URL and browser languages; true when it turned the static screen off. */
function gateTurnsOff(url: string, languages: readonly string[], language: string): boolean {
  const u = new URL(url);
  let attr: { name: string; value: string } | null = null;
  const document = { documentElement: { setAttribute: (name: string, value: string) => { attr = { name, value }; } } };
  new Function('location', 'navigator', 'document', 'URLSearchParams', gateScript())({ search: u.search, hash: u.hash }, { languages, language }, document, URLSearchParams);
  if (attr) expect(attr).toEqual({ name: FIRST_SCREEN_GATE, value: 'off' });
  return attr !== null;
}

/** What the app does (ui/ldn-app.ts connectedCallback, ScenarioController.start): its language, and a link's scenario. */
function appShowsOther(url: string, languages: readonly string[], language: string): boolean {
  const u = new URL(url);
  const lang = pickLanguage([u.searchParams.get('lang'), ...[...languages, language].filter(Boolean)]);
  return lang !== 'en' || u.hash.replace(/^#/, '') !== '';
}

describe('the static first screen\'s gate agrees with the app', () => {
  const urls = ['https://x.org/ldn/', 'https://x.org/ldn/?lang=es', 'https://x.org/ldn/?lang=en', 'https://x.org/ldn/?lang=ES-mx',
    'https://x.org/ldn/?lang=fr', 'https://x.org/ldn/?lang=', 'https://x.org/ldn/#dose=3', 'https://x.org/ldn/#', 'https://x.org/ldn/?lang=en#model=ldn&t=5'];
  const browsers: [string[], string][] = [[['en-US', 'en'], 'en-US'], [['es-ES', 'es'], 'es-ES'], [['fr-FR', 'es-MX'], 'fr-FR'],
    [['fr-FR', 'de'], 'fr-FR'], [[], 'es'], [[], ''], [['pt_BR', 'en_GB'], 'pt-BR'], [[' ES '], 'es']];
  for (const url of urls) {
    it(`${url}, under ${browsers.length} sets of browser languages`, () => {
      for (const [languages, language] of browsers) {
        expect(gateTurnsOff(url, languages, language), `${JSON.stringify(languages)} / ${JSON.stringify(language)}`).toBe(appShowsOther(url, languages, language));
      }
    });
  }

  it('knows the app\'s languages (every one but English turns it off)', () => {
    expect(gateScript()).toContain(JSON.stringify(LANGUAGES));
    for (const l of LANGUAGES) expect(gateTurnsOff('https://x.org/', [l], l)).toBe(l !== 'en');
    expect(browserLanguages()).toEqual([]); // outside a browser: the cases above pass the browser's languages themselves
  });
});
