/**
 * Entry of the embeddable build (`dist/embed/ldn-sim.js`, see vite.embed.config.ts): loading this module defines
 * `<ldn-sim-widget>`. The simulation worker is a file beside it, found relative to this module's URL, so the
 * folder works when copied under any path of any static site.
 */
export { LdnSimWidget } from './ldn-sim-widget';
export type { WidgetScenario, WidgetResultDetail, ColumnMetrics } from './widget-options';
export { WIDGET_ATTRIBUTES } from './widget-options';
