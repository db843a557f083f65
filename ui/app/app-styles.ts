/**
 * Styles of `<ldn-app>`: the page layout (controls beside the results, stacked on tablets, the dose slider above
 * the blockade chart on phones) and its controls. Kept apart from the element so that its file reads as the view.
 */
import { css } from 'lit';
import { SELECTED_MARK, THEME_HOST, TOUCH_TARGETS } from '../theme';

/** The element's `static styles`: the shared theme, selection marks and touch targets, then its own rules. */
export const APP_STYLES = [THEME_HOST, SELECTED_MARK, TOUCH_TARGETS, css`
    :host { display: block; background: var(--ldn-page, #f6f7f9); --ink: var(--ldn-ink, #1b1f24); --muted: var(--ldn-muted, #4b5563); --line: var(--ldn-line, #d5d9e0); --brand: var(--ldn-brand, #0b3d91); color: var(--ink); }
    * { box-sizing: border-box; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 8px; top: 8px; background: var(--ldn-surface, #fff); padding: 6px 10px; z-index: 10; border: 2px solid var(--brand); }
    .top { background: #0b2545; color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; }
    .top h1 { margin: 0; font-size: 1.45rem; letter-spacing: 0.01em; }
    .top p { margin: 0; opacity: 0.9; font-size: 0.95rem; flex: 1 1 260px; }
    nav { display: flex; flex-wrap: wrap; gap: 4px; }
    .lang { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; } .lang select { font-size: 0.85rem; }
    nav button { font: inherit; color: #fff; background: transparent; border: 1px solid rgba(255,255,255,0.5); border-radius: 8px; padding: 5px 14px; cursor: pointer; }
    nav button[aria-selected='true'] { background: #fff; color: #0b2545; font-weight: 650; }
    .disclaimer { background: var(--ldn-warn-bg, #fff7ed); border-bottom: 1px solid var(--ldn-warn-line, #c2410c); color: var(--ldn-warn-ink, #7c2d12); padding: 6px 20px; font-size: 0.9rem; }
    main { padding: 16px 20px 32px; }
    .layout { display: grid; grid-template-columns: minmax(300px, 380px) minmax(0, 1fr); grid-template-areas: 'ctl res' 'more res';
      grid-template-rows: auto 1fr; gap: 18px; align-items: start; }
    .ctl { grid-area: ctl; } .more { grid-area: more; } .results { grid-area: res; }
    .card { background: var(--ldn-surface, #fff); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; contain: content; }
    aside { display: grid; gap: 12px; min-width: 0; }
    aside > * { min-width: 0; }
    aside select { max-width: 100%; }
    #model { width: 100%; }
    aside h2, section h2 { font-size: 1.05rem; margin: 0 0 8px; }
    .results { display: grid; gap: 14px; min-width: 0; }
    .stage { display: grid; grid-template-columns: minmax(280px, 460px) minmax(0, 1fr); gap: 14px; align-items: stretch; }
    .stage.solo { grid-template-columns: minmax(0, 1fr); }
    .caption { font-size: 1.12rem; line-height: 1.45; margin: 10px 0 0; min-height: 3.2em; padding: 10px 12px; border-left: 5px solid var(--brand); background: var(--ldn-tint, #eef4ff); border-radius: 6px; }
    .phase-name { font-weight: 700; }
    .charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; }
    .field { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
    .field > label, .label { font-weight: 650; }
    .evidence-toggle { display: flex; gap: 8px; align-items: baseline; font-size: 0.9rem; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    input[type='number'] { font: inherit; width: 5em; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    select { font: inherit; padding: 4px 6px; border-radius: 6px; border: 1px solid var(--ldn-field-border, #6b7280); }
    button.small, .seg button { font: inherit; font-size: 0.9rem; padding: 5px 10px; border-radius: 8px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); color: inherit; cursor: pointer; }
    .seg { display: inline-flex; gap: 4px; flex-wrap: wrap; }
    .seg button[aria-pressed='true'] { background: var(--brand); border-color: var(--brand); color: var(--ldn-on-brand, #fff); }
    button.primary { font: inherit; font-weight: 650; padding: 7px 12px; border-radius: 8px; border: 1px solid var(--brand); background: var(--brand); color: var(--ldn-on-brand, #fff); cursor: pointer; }
    button.ghost { font: inherit; padding: 7px 12px; border-radius: 8px; border: 1px solid var(--brand); background: var(--ldn-surface, #fff); color: var(--brand); cursor: pointer; }
    .exports { display: flex; flex-wrap: wrap; gap: 6px; }
    .status { font-size: 0.9rem; color: var(--muted); min-height: 1.3em; margin: 6px 0 0; }
    .error { background: var(--ldn-error-bg, #fef2f2); border: 1px solid var(--ldn-error-line, #dc2626); color: var(--ldn-error-ink, #7f1d1d); border-radius: 8px; padding: 10px 12px; }
    .notice { background: var(--ldn-tint, #eef4ff); border: 1px solid var(--ldn-focus, #0072B2); border-radius: 8px; padding: 8px 12px; font-size: 0.92rem; }
    .pinned-note { font-size: 0.9rem; margin: 6px 0 0; color: var(--muted); }
    details.params > summary { cursor: pointer; font-weight: 650; font-size: 1.05rem; }
    .hint { font-size: 0.82rem; color: var(--muted); margin: 4px 0 8px; }
    .busy { font-size: 0.85rem; color: var(--muted); }
    .gap { height: 12px; }
    :is(button, input, select, summary):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    footer { padding: 12px 20px 24px; font-size: 0.85rem; color: var(--muted); }
    @media (min-width: 1500px) { .charts { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    @media (min-width: 1800px) { .layout { grid-template-columns: 420px minmax(0, 1fr); } }
    @media (max-width: 1100px) { .stage { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 860px) {
      .layout { grid-template-columns: minmax(0, 1fr); grid-template-areas: 'ctl' 'res' 'more'; grid-template-rows: auto; }
      main { padding: 10px 8px 24px; }
      .top { padding: 8px 10px; }
      .disclaimer { padding: 6px 10px; }
    }
    @media (max-width: 600px) {
      .layout { grid-template-areas: 'res' 'ctl' 'more'; }
      .top p { display: none; }
      .top h1 { font-size: 1.2rem; }
      .disclaimer { font-size: 0.8rem; }
      .results { display: flex; flex-direction: column; }
      .dose-card { order: -2; }
      .charts { order: -1; }
      .charts ldn-chart[data-id='blockade'] { order: -1; }
    }
  `];
