/**
 * Light and dark themes as data, and the CSS that applies them. Every element styles its colours through the
 * `--ldn-*` custom properties below (with the light value as fallback), so a theme is set once, on the app's or
 * the widget's host, and inherits through every shadow root. `color-scheme` is set with it, so that form controls
 * and scrollbars follow the theme, never the host page's own `color-scheme`.
 *
 * - The app follows `prefers-color-scheme`.
 * - `<ldn-sim-widget theme="light|dark|auto">` chooses (default `auto`: `prefers-color-scheme`).
 * - Forced colours (Windows High Contrast): selection is shown by a mark and weight as well as colour
 *   ({@link SELECTED_MARK}), and charts are drawn with system colours (`ldn-chart`).
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/** The colour tokens of one theme (CSS colours). */
export interface ThemeTokens {
  /** Text and the ink of axes. */
  readonly ink: string;
  /** Secondary text (≥ 4.5:1 on `surface`). */
  readonly muted: string;
  /** Cards, charts and fields. Chart lines are checked against it (test/ui/contrast.test.ts). */
  readonly surface: string;
  /** The page behind the cards. */
  readonly page: string;
  /** Card borders and grid lines (decorative). */
  readonly line: string;
  /** Borders of form controls and buttons (≥ 3:1 on `surface`, WCAG 1.4.11). */
  readonly fieldBorder: string;
  /** Brand: primary buttons and selected segments. */
  readonly brand: string;
  /** Text on `brand`. */
  readonly onBrand: string;
  /** Focus outline. */
  readonly focus: string;
  /** Tinted panels (captions, notices, code). */
  readonly tint: string;
  readonly warnBg: string;
  readonly warnInk: string;
  readonly warnLine: string;
  readonly errorBg: string;
  readonly errorInk: string;
  readonly errorLine: string;
  /** Success text. */
  readonly okInk: string;
  /** Night bands on time charts (drawn at low opacity). */
  readonly night: string;
  /** Receptor picture: the membrane behind the receptors, and the band across each row. */
  readonly membrane: string;
  readonly membraneBand: string;
  /** Receptor picture: a receptor's outline (≥ 3:1 on `membrane` and `membraneBand`); its inside is `surface`. */
  readonly receptor: string;
  /** Receptor picture: the dashed outline of a place with no receptor (≥ 3:1 on `membrane` and `membraneBand`). */
  readonly receptorGap: string;
}

export type ThemeName = 'light' | 'dark';

/** The two themes. Text pairs meet WCAG 2.2 AA (4.5:1), control borders 3:1. */
export const THEMES: Readonly<Record<ThemeName, ThemeTokens>> = {
  light: {
    ink: '#1b1f24', muted: '#4b5563', surface: '#ffffff', page: '#f7f8fa', line: '#d5d9e0', fieldBorder: '#6b7280',
    brand: '#0b3d91', onBrand: '#ffffff', focus: '#0072B2', tint: '#eef4ff',
    warnBg: '#fff7ed', warnInk: '#7c2d12', warnLine: '#c2410c', errorBg: '#fef2f2', errorInk: '#7f1d1d', errorLine: '#dc2626',
    okInk: '#065f46', night: '#1e3a5f',
    membrane: '#fdf6ec', membraneBand: '#f1dcbc', receptor: '#0b3d91', receptorGap: '#8a6a3a',
  },
  dark: {
    ink: '#e6edf3', muted: '#a8b3bf', surface: '#161b22', page: '#0d1117', line: '#30363d', fieldBorder: '#8b949e',
    brand: '#6cb6ff', onBrand: '#0d1117', focus: '#6cb6ff', tint: '#1c2633',
    warnBg: '#2d2110', warnInk: '#f2cc8f', warnLine: '#d29922', errorBg: '#2d1214', errorInk: '#ffb4ab', errorLine: '#f85149',
    okInk: '#7ee2a8', night: '#9ecbff',
    membrane: '#2a2118', membraneBand: '#3d3020', receptor: '#6cb6ff', receptorGap: '#b0946a',
  },
};

const VAR: Record<keyof ThemeTokens, string> = {
  ink: '--ldn-ink', muted: '--ldn-muted', surface: '--ldn-surface', page: '--ldn-page', line: '--ldn-line',
  fieldBorder: '--ldn-field-border', brand: '--ldn-brand', onBrand: '--ldn-on-brand', focus: '--ldn-focus',
  tint: '--ldn-tint', warnBg: '--ldn-warn-bg', warnInk: '--ldn-warn-ink', warnLine: '--ldn-warn-line',
  errorBg: '--ldn-error-bg', errorInk: '--ldn-error-ink', errorLine: '--ldn-error-line', okInk: '--ldn-ok-ink',
  night: '--ldn-night', membrane: '--ldn-membrane', membraneBand: '--ldn-membrane-band', receptor: '--ldn-receptor',
  receptorGap: '--ldn-receptor-gap',
};

/** The custom property of a token, e.g. `themeVar('ink')` → `var(--ldn-ink, #1b1f24)`. */
export function themeVar(token: keyof ThemeTokens): string {
  return `var(${VAR[token]}, ${THEMES.light[token]})`;
}

/** The declarations of one theme (custom properties and `color-scheme`). */
export function themeDeclarations(name: ThemeName): string {
  const t = THEMES[name];
  return `color-scheme: ${name}; --ldn-scheme: ${name}; ${(Object.keys(VAR) as (keyof ThemeTokens)[]).map((k) => `${VAR[k]}: ${t[k]};`).join(' ')}`;
}

/**
 * Host styles that set the theme: light by default, dark under `prefers-color-scheme: dark`, and a `theme`
 * attribute (`light`, `dark`, `auto`) that overrides the preference. Put first in an element's `styles`.
 */
export const THEME_HOST: CSSResult = unsafeCSS(`
  :host { ${themeDeclarations('light')} }
  @media (prefers-color-scheme: dark) { :host(:not([theme='light'])) { ${themeDeclarations('dark')} } }
  :host([theme='dark']) { ${themeDeclarations('dark')} }
`);

/**
 * Selected (pressed) buttons and tabs stay distinct without colour: heavier text and a bar under the label; under
 * forced colours, the system's Highlight colours. Add to an element's `styles`; it applies to
 * `[aria-pressed='true']` and `[aria-selected='true']` buttons.
 */
export const SELECTED_MARK: CSSResult = css`
  button[aria-pressed='true'], button[aria-selected='true'] { font-weight: 700; text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
  @media (forced-colors: active) {
    button[aria-pressed='true'], button[aria-selected='true'] { forced-color-adjust: none; background: Highlight; color: HighlightText; border: 2px solid CanvasText; }
    button[disabled] { color: GrayText; border-color: GrayText; }
  }
`;

/** Values accepted by the widget's `theme` attribute. */
export const THEME_ATTRIBUTE_VALUES = ['light', 'dark', 'auto'] as const;
export type ThemeAttribute = (typeof THEME_ATTRIBUTE_VALUES)[number];

/** Reads a `theme` attribute: `light`, `dark` or `auto`; anything else is refused with a message naming it. */
export function parseThemeAttribute(v: string | null | undefined): ThemeAttribute {
  const s = (v ?? '').trim().toLowerCase();
  if (s === '') return 'auto';
  if ((THEME_ATTRIBUTE_VALUES as readonly string[]).includes(s)) return s as ThemeAttribute;
  throw new Error(`theme: expected light, dark or auto, got "${v}"`);
}

/**
 * Pointer targets of at least 24 × 24 CSS px (WCAG 2.2, 2.5.8) for the controls browsers draw smaller: check boxes,
 * radio buttons, range sliders, file pickers and disclosure summaries. Add to an element's `styles`.
 */
export const TOUCH_TARGETS: CSSResult = css`
  input[type='checkbox'], input[type='radio'] { inline-size: 24px; block-size: 24px; margin: 0 4px 0 0; vertical-align: middle; flex: none; }
  input[type='range'] { min-block-size: 24px; }
  input[type='file'] { min-block-size: 24px; padding: 2px 0; }
  summary { min-block-size: 24px; padding-block: 2px; box-sizing: border-box; }
  button, select, input { min-block-size: 24px; }
`;
