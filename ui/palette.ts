/**
 * Colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008) plus dash patterns, so that no series
 * is told apart by hue alone. Values are SVG presentation attributes, which survive SVG export unchanged.
 */
export const PALETTE = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73',
  purple: '#CC79A7',
  orange: '#E69F00',
  sky: '#56B4E9',
  yellow: '#F0E442',
  black: '#000000',
  grey: '#6b7280',
  night: '#1e3a5f',
} as const;

/**
 * Colours for lines and marks on charts: the Okabe–Ito hues, with orange, sky and reddish purple darkened so that
 * every one has ≥ 3:1 contrast (WCAG 1.4.11) against both the light and the dark chart surface (`theme.ts`; checked
 * in test/ui/contrast.test.ts). `ink` is `currentColor`: the theme's text colour (black on light, near-white on
 * dark). Series are also told apart by dash pattern, never by hue alone.
 */
export const LINE = {
  blue: PALETTE.blue,
  vermillion: PALETTE.vermillion,
  green: PALETTE.green,
  purple: '#C0639A',
  orange: '#B07300',
  sky: '#2F88C0',
  ink: 'currentColor',
} as const;

/** Series colours in order of use, for models without a chart configuration. */
export const SERIES_COLORS: readonly string[] = [LINE.blue, LINE.vermillion, LINE.green, LINE.purple, LINE.orange, LINE.sky, LINE.ink];

/** Dash patterns in order of use (SVG `stroke-dasharray`); the first series is solid. */
export const SERIES_DASHES: readonly string[] = ['', '7 3', '2 3', '10 3 2 3', '4 4', '1 2', '12 4'];

/**
 * Receptor diagram colours: occupant → fill of the ligand it holds (a free receptor holds none). The line colours,
 * so every ligand has ≥ 3:1 contrast with the inside of a receptor (the theme's `surface`) in light and dark
 * (test/ui/contrast.test.ts); each also has its own shape and an outline in the theme's ink.
 */
export const RECEPTOR_COLORS = {
  naltrexone: LINE.vermillion,
  naltrexol: LINE.orange,
  endorphin: LINE.green,
  agonist: LINE.purple,
} as const;
