/**
 * Everything the Export buttons of `<ldn-app>` run (CSV text, SVG figure, PNG, the download), in one chunk that
 * the app fetches on the first click of an Export button, not before its first curve (issue #18).
 */
export { toCsv } from '../../engine/csv';
export { download, svgText, svgToPng } from '../export';
export { composeFigure, exportFileStem } from './export-files';
