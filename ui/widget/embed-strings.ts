import { registerTable } from '../i18n/runtime';

/**
 * The strings of the app's Embed panel (ui/widget/ldn-embed-panel.ts), a table of their own so that the widget and the
 * app's first screen do not download them (issue #18); the panel is loaded when its tab opens.
 * English source; `registerTable` fills it in the page's language from the `embed` entry of ui/i18n/es.ts and the
 * like (also when the table is first loaded on a page whose language is already set).
 */
export const EMBED_STRINGS = {
  heading: 'Embed',
  intro: 'Put this scenario on a course page, LMS or blog: copy the embed/ folder of this site onto that site (browsers run its worker only from the page’s own site), give its address below, then paste the snippet into the page.',
  address: 'Address of ldn-sim.js on your site',
  charts: 'Charts',
  views: { plasma: 'Plasma levels', blockade: 'Receptor blockade', rebound: 'Rebound', receptors: 'Receptor diagram' },
  controls: 'Student controls',
  controlNames: { dose: 'Dose', time: 'Clock time', days: 'Days', play: 'Play' },
  autoplay: 'Play the time cursor on load',
  copy: 'Copy snippet',
  copyIframe: 'Copy iframe',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Copying was blocked: the text is selected, press Ctrl+C (⌘C on a Mac).',
  iframe: 'Site allows no scripts? Use an iframe instead',
  snippetLabel: 'Embed snippet (HTML)',
  iframeLabel: 'Iframe snippet (HTML)',
  dropped: (what: readonly string[]) => `The widget shows daily dosing with the model's default parameters: ${what.length <= 1 ? what.join('') : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}`} ${what.length > 1 ? 'are' : 'is'} not carried over.`,
  iframeFit: (hostScript: string) => `The iframe reports its content height. If your page may load one script from its own site, add <script type="module" src="${hostScript}"></script> and the iframe fits its content; otherwise keep the height above.`,
} as const;

registerTable('embed', EMBED_STRINGS);
