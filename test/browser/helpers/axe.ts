import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation, reduced to what a failing test should print. */
export interface AxeViolation { readonly id: string; readonly impact: string | null; readonly help: string; readonly targets: string[] }

/**
 * Runs axe-core (node_modules/axe-core) on the page or frame as it is now, open shadow roots included, with its
 * default rules plus `label-content-name-mismatch` (WCAG 2.5.3, experimental in axe, named in issue #17), and
 * returns the violations. The script is evaluated through the DevTools protocol, so a strict CSP does not stop it.
 */
export async function axeViolations(target: Page | Frame, context: string | null = null): Promise<AxeViolation[]> {
  await target.evaluate(AXE_SOURCE);
  return target.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(ctx ?? document, { rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  }, context);
}
