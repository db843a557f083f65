/**
 * The widget's side of theming (`theme="light|dark|auto"`, see ui/theme.ts): its clean-slate root takes the theme's
 * colours and `color-scheme` (the root's `all: initial` would otherwise drop them, and a host page with
 * `color-scheme: light dark` would turn its buttons and inputs dark on a light widget), and the public
 * `--ldn-sim-*` custom properties still override them.
 */
import { css, type CSSResult } from 'lit';
import { parseThemeAttribute } from '../theme';

/** Styles after the widget's own: colours from the theme tokens, overridable by the `--ldn-sim-*` API. */
export const WIDGET_THEME: CSSResult = css`
  .root {
    color-scheme: var(--ldn-scheme, light);
    color: var(--ldn-sim-fg, var(--ldn-ink, #1b1f24));
    background: var(--ldn-sim-bg, var(--ldn-page, #f7f8fa));
    border-color: var(--ldn-sim-border, var(--ldn-line, #d5d9e0));
  }
  input[type='number'] { background: var(--ldn-surface, #fff); color: inherit; border-color: var(--ldn-field-border, #6b7280); }
  .receptors { background: var(--ldn-surface, #fff); border-color: var(--ldn-line, #d5d9e0); }
  .problem { background: var(--ldn-warn-bg, #fff4e5); color: var(--ldn-warn-ink, #5c3c00); border-color: var(--ldn-warn-line, #e69f00); }
  .note { color: var(--ldn-sim-muted, var(--ldn-muted, #4b5563)); }
  button { border-color: var(--ldn-sim-accent, var(--ldn-focus, #0072B2)); background: var(--ldn-sim-accent, var(--ldn-focus, #0072B2));
    color: var(--ldn-sim-accent-contrast, var(--ldn-on-brand, #fff)); }
  :is(button, input):focus-visible { outline-color: var(--ldn-sim-accent, var(--ldn-focus, #0072B2)); }
  @media (forced-colors: active) {
    .root { border-color: CanvasText; }
    button { border: 2px solid ButtonText; }
  }
`;

/** A note for an unusable `theme` attribute (empty when it is fine). */
export function themeProblem(theme: string | null | undefined): string[] {
  try {
    parseThemeAttribute(theme);
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}
