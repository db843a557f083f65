/**
 * The teacher's guide in the built app (guide.html[?lang=es]): docs/teaching.md, bundled at build time (no fetch,
 * works offline), shown with the lesson definitions of this build: under each lesson's section, its title in the
 * page's language, its step count and links to its worksheet and answer key; lessons the guide does not describe
 * yet are listed at the end, so the page never hides a lesson the app has.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { LESSONS } from '../../lessons/index';
import type { LessonText } from '../../engine/lesson/types';
import { browserLanguages, language, loadLanguage, pickLanguage } from '../i18n/runtime';
import { STRINGS } from '../strings';
import { GUIDE_STRINGS } from './guide-strings';
import { LESSON_STRINGS } from '../lessons/lesson-strings';
import { markdownBlocks, type Block, type Inline } from './markdown';
import TEACHING from '../../docs/teaching.md?raw';

const q = new URLSearchParams(location.search);
document.documentElement.lang = await loadLanguage(pickLanguage([q.get('lang'), ...browserLanguages()]));
const G = GUIDE_STRINGS;
const tr = (t: LessonText) => t[language()] ?? t['en'] ?? '';

/** Inline runs as elements. Links to other docs/*.md files are named, not linked: the built app does not ship them. */
function inline(runs: readonly Inline[]): (TemplateResult | string)[] {
  return runs.map((r) => {
    if (r.kind === 'code') return html`<code>${r.text}</code>`;
    if (r.kind === 'strong') return html`<strong>${r.text}</strong>`;
    if (r.kind === 'em') return html`<em>${r.text}</em>`;
    if (r.kind === 'link') {
      const href = r.href ?? '';
      if (/^https?:\/\//.test(href)) return html`<a href=${href} rel="noopener">${r.text}</a>`;
      // Other docs are not in the built app: named as the repository path (docs/…), not linked.
      if (/^[\w.-]+\.md(#.*)?$/.test(href)) return html`<code>docs/${href.replace(/#.*$/, '')}</code>`;
      return html`<a href=${href}>${r.text}</a>`;
    }
    return r.text;
  });
}

/** The lesson a section heading describes: the heading names its id as code (`## 1. What … (\`dose-journey\`, ~15 min)`). */
function lessonOf(b: Block) {
  if (b.kind !== 'heading') return undefined;
  const ids = b.text.filter((r) => r.kind === 'code').map((r) => r.text);
  return LESSONS.find((l) => ids.includes(l.id));
}

function links(id: string) {
  const lang = language();
  return html`<a href="worksheet.html?lesson=${id}&lang=${lang}">${LESSON_STRINGS.worksheet}</a> ·
    <a href="worksheet.html?lesson=${id}&lang=${lang}&key=1">${LESSON_STRINGS.answerKeyLink}</a>`;
}

function block(b: Block) {
  switch (b.kind) {
    case 'heading': {
      const l = lessonOf(b);
      const h = b.level === 1 ? html`<h1 id=${b.id}>${inline(b.text)}</h1>` : b.level === 2 ? html`<h2 id=${b.id}>${inline(b.text)}</h2>` : html`<h3 id=${b.id}>${inline(b.text)}</h3>`;
      return l ? html`${h}<p class="meta" data-lesson=${l.id}>${G.inThisVersion(tr(l.title), l.steps.length)} ${links(l.id)}</p>` : h;
    }
    case 'paragraph': return html`<p>${inline(b.text)}</p>`;
    case 'quote': return html`<blockquote>${inline(b.text)}</blockquote>`;
    case 'list': return html`<ul>${b.items.map((i) => html`<li>${inline(i)}</li>`)}</ul>`;
  }
}

const blocks = markdownBlocks(TEACHING);
const described = new Set(blocks.map(lessonOf).filter((l) => l).map((l) => l!.id));
const missing = LESSONS.filter((l) => !described.has(l.id));
document.title = G.pageTitle;
const root = document.getElementById('guide')!;
root.textContent = '';
render(html`
  <div class="toolbar">
    <button type="button" @click=${() => print()}>${G.print}</button>
    <a href="./index.html?lang=${language()}">${G.backToApp}</a>
    <a href="worksheet.html?lang=${language()}">${LESSON_STRINGS.sheetLessons}</a>
  </div>
  ${G.englishOnly ? html`<p class="note" lang=${language()}>${G.englishOnly}</p>` : nothing}
  <div lang="en">${blocks.map(block)}</div>
  ${missing.length ? html`<h2>${G.notInGuide}</h2><ul>${missing.map((l) => html`<li data-lesson=${l.id}>${tr(l.title)} (<code>${l.id}</code>) · ${links(l.id)}</li>`)}</ul>` : nothing}
  <p class="note">${STRINGS.disclaimer}</p>`, root);
