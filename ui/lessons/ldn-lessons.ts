/**
 * `<ldn-lessons>`: the app's Lessons tab — the list of lessons with each one's progress, and the lesson being
 * played (`<ldn-lesson-player>`). The lesson data is loaded when the tab first opens.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lesson } from '../../engine/lesson/types';
import { language } from '../i18n/runtime';
import { GUIDE_STRINGS } from '../guide/guide-strings';
import { LESSON_STRINGS } from './lesson-strings';
import './ldn-lesson-player';
import type { LessonPool } from './ldn-lesson-player';
import { loadProgress, saveProgress } from './progress';

declare global {
  interface HTMLElementTagNameMap { 'ldn-lessons': LdnLessons }
}

@customElement('ldn-lessons')
export class LdnLessons extends LitElement {
  static override styles = css`
    :host { display: block; }
    * { box-sizing: border-box; }
    h2 { font-size: 1.25rem; margin: 0 0 6px; }
    h3 { font-size: 1.05rem; margin: 0 0 4px; }
    p { line-height: 1.5; margin: 0 0 10px; max-width: 75ch; }
    ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); }
    li { background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 10px; padding: 12px 14px; display: flex; flex-direction: column; gap: 6px; }
    .meta { font-size: 0.88rem; color: var(--ldn-muted, #4b5563); margin: 0; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: auto; }
    button { font: inherit; padding: 6px 12px; border-radius: 8px; border: 1px solid var(--ldn-brand, #0b3d91); background: var(--ldn-surface, #fff); color: var(--ldn-brand, #0b3d91); cursor: pointer; }
    button.primary { background: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); font-weight: 650; }
    a { color: var(--ldn-brand, #0b3d91); }
    :is(button, a):focus-visible, h2:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    .card { background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 10px; padding: 12px 14px; }
  `;

  @property({ attribute: false }) pool: LessonPool | null = null;
  @state() private lessons: readonly Lesson[] = [];
  @state() private open: string | null = null;
  #focusList = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void import('../../lessons/index').then((m) => { this.lessons = m.LESSONS; });
  }

  protected override updated(): void {
    if (this.#focusList) {
      this.#focusList = false;
      (this.renderRoot.querySelector('#lessons-h') as HTMLElement | null)?.focus();
    }
  }

  #text(t: Readonly<Record<string, string>>): string {
    return t[language()] ?? t['en'] ?? '';
  }

  protected override render() {
    const L = LESSON_STRINGS;
    const lesson = this.lessons.find((l) => l.id === this.open);
    if (lesson) {
      return html`<section class="card" aria-label=${this.#text(lesson.title)}>
        <ldn-lesson-player show-back .lesson=${lesson} .pool=${this.pool}
          @ldn-lesson-exit=${() => { this.open = null; this.#focusList = true; }}></ldn-lesson-player>
      </section>`;
    }
    return html`<h2 id="lessons-h" tabindex="-1">${L.heading}</h2>
      <p>${L.intro} <a href="worksheet.html?lang=${language()}" target="_blank" rel="noopener">${L.sheetLessons}</a>
        · <a href="guide.html?lang=${language()}" target="_blank" rel="noopener">${GUIDE_STRINGS.link}</a></p>
      <ol>${this.lessons.map((l, i) => {
        const p = loadProgress(l.id, l.steps.length);
        const started = p.step > 0 || p.revealed.length > 0;
        const title = this.#text(l.title);
        return html`<li data-lesson=${l.id}>
          <h3>${i + 1}. ${title}</h3>
          <p>${this.#text(l.summary)}</p>
          <p class="meta">${L.minutes(l.minutes)} · ${L.steps(l.steps.length)}${p.done ? html` · <strong>${L.done}</strong>` : nothing}</p>
          <div class="row">
            <button type="button" class="primary" aria-label="${started && !p.done ? L.resume(p.step + 1, l.steps.length) : L.start}: ${title}"
              @click=${() => { this.open = l.id; }}>${started && !p.done ? L.resume(p.step + 1, l.steps.length) : L.start}</button>
            ${started || p.done ? html`<button type="button" aria-label=${L.restartLesson(title)}
              @click=${() => { saveProgress(l.id, null); this.open = l.id; }}>${L.restart}</button>` : nothing}
            <a href="worksheet.html?lesson=${l.id}&lang=${language()}" target="_blank" rel="noopener">${L.worksheet}</a>
            <a href="worksheet.html?lesson=${l.id}&lang=${language()}&key=1" target="_blank" rel="noopener">${L.answerKeyLink}</a>
          </div>
        </li>`;
      })}</ol>`;
  }
}
