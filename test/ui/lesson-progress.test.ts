import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROGRESS_KEY, loadProgress, saveProgress } from '../../ui/lessons/progress';

/** A Map-backed localStorage, as the browser's. */
class Storage {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
}

describe('lesson progress in local storage', () => {
  let store: Storage;
  beforeEach(() => { store = new Storage(); (globalThis as { localStorage?: unknown }).localStorage = store; });
  afterEach(() => { delete (globalThis as { localStorage?: unknown }).localStorage; });

  it('round-trips one lesson under ldn-sim.lessons.v1 and forgets it on restart, leaving the others', () => {
    saveProgress('liver', { step: 2, answers: { compensated: '5' }, revealed: ['compensated'], done: false });
    saveProgress('opioids', { step: 1, answers: {}, revealed: [], done: true });
    expect(JSON.parse(store.getItem(PROGRESS_KEY)!)).toHaveProperty('liver.step', 2);
    expect(loadProgress('liver', 3)).toEqual({ step: 2, answers: { compensated: '5' }, revealed: ['compensated'], done: false });
    saveProgress('liver', null);
    expect(loadProgress('liver', 3)).toEqual({ step: 0, answers: {}, revealed: [], done: false });
    expect(loadProgress('opioids', 4).done).toBe(true);
  });

  it('a stored step beyond the lesson (it lost a step) is clamped; unreadable storage falls back to this page\'s copy, not an error', () => {
    saveProgress('liver', { step: 7, answers: {}, revealed: [], done: false });
    expect(loadProgress('liver', 3).step).toBe(2);
    store.setItem(PROGRESS_KEY, '{not json');
    expect(loadProgress('liver', 3).step).toBe(2);
    expect(loadProgress('opioids', 4)).toEqual({ step: 0, answers: {}, revealed: [], done: false });
  });
});
