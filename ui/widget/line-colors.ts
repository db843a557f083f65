/**
 * Line colours a page can theme: each chart line takes the custom property `--ldn-sim-line-<column>` (e.g.
 * `--ldn-sim-line-mu_blockade: #8b0000`) when the widget, or an ancestor, sets one; otherwise the palette's colour.
 * Read through the CSSOM, so it works under a strict Content-Security-Policy. Pure (tested in Node).
 */
import type { ChartConfig } from '../chart-config';

/** The custom property that colours an output column's line. */
export const lineColorProperty = (column: string): string => `--ldn-sim-line-${column}`;

/** A colour value safe to hand to SVG: a hex, rgb()/hsl() or a named colour; anything else is ignored. */
function safeColor(v: string): string | null {
  const t = v.trim();
  return /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla|oklch|lab|lch)\([\d\s.,%/+-]+\)|[a-z]{3,30})$/i.test(t) ? t : null;
}

/** The charts with every series' colour replaced by its custom property's value, where `read` finds one. */
export function themedCharts(charts: readonly ChartConfig[], read: (property: string) => string): ChartConfig[] {
  return charts.map((c) => {
    let changed = false;
    const series = c.series.map((s) => {
      const color = safeColor(read(lineColorProperty(s.column)));
      if (!color || color === s.color) return s;
      changed = true;
      return { ...s, color };
    });
    return changed ? { ...c, series } : c;
  });
}
