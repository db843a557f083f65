import { describe, expect, it } from 'vitest';
import { parseThemeAttribute, themeDeclarations, themeVar, THEMES } from '../../ui/theme';
import { themeProblem } from '../../ui/widget/widget-theme';

describe('themes (ui/theme.ts) and the widget\'s theme attribute', () => {
  it('reads light, dark and auto (case and spaces ignored; missing = auto) and refuses anything else, naming the attribute', () => {
    expect(['light', ' Dark ', 'auto', '', null].map(parseThemeAttribute)).toEqual(['light', 'dark', 'auto', 'auto', 'auto']);
    expect(() => parseThemeAttribute('purple')).toThrow('theme: expected light, dark or auto, got "purple"');
    expect(themeProblem('purple')).toEqual(['theme: expected light, dark or auto, got "purple"']);
    expect(themeProblem('dark')).toEqual([]);
  });
  it('declares every token and the colour scheme for each theme, with the light value as the fallback of each var()', () => {
    const dark = themeDeclarations('dark');
    expect(dark).toContain('color-scheme: dark;');
    expect(dark).toContain(`--ldn-surface: ${THEMES.dark.surface};`);
    expect(dark.match(/--ldn-[a-z-]+:/g)!.length).toBe(Object.keys(THEMES.dark).length + 1); // + --ldn-scheme
    expect(themeVar('ink')).toBe('var(--ldn-ink, #1b1f24)');
  });
});
