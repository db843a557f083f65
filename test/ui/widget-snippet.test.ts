import { describe, expect, it } from 'vitest';
import { escapeAttr, frameUrl, iframeSnippet, widgetSnippet } from '../../ui/widget/snippet';
import { WIDGET_ATTRIBUTES } from '../../ui/widget/widget-options';

const scenario = { model: 'ldn', dose: 4.5, time: '22:00', days: 3, compare: null };

describe('embed snippets', () => {
  it('the script snippet loads the module and carries the scenario; default view and controls are left out', () => {
    expect(widgetSnippet('./ldn/ldn-sim.js', { scenario, view: 'plasma,blockade', controls: 'dose,time' })).toBe(
      '<script type="module" src="./ldn/ldn-sim.js"></script>\n'
      + '<ldn-sim-widget model="ldn" dose="4.5" time="22:00" days="3"></ldn-sim-widget>');
  });

  it('every non-default option appears as its attribute, and an empty controls list is written as none', () => {
    const html = widgetSnippet('https://example.org/ldn/ldn-sim.js', {
      scenario: { ...scenario, model: undefined, dose: 0.25, compare: 50 }, view: 'all', controls: '', autoplay: true, height: 300,
    });
    expect(html).toContain('<ldn-sim-widget dose="0.25" time="22:00" days="3" view="all" controls="none" compare="50" autoplay height="300">');
    for (const m of html.matchAll(/ ([a-z]+)(?==|>| )/g)) {
      if (m[1] !== 'type' && m[1] !== 'src') expect(WIDGET_ATTRIBUTES as readonly string[]).toContain(m[1]);
    }
  });

  it('attribute values are escaped', () => {
    expect(escapeAttr('"<a>&')).toBe('&quot;&lt;a&gt;&amp;');
    expect(widgetSnippet('x.js?a="b"', { scenario })).toContain('src="x.js?a=&quot;b&quot;"');
  });

  it('the iframe points at frame.html with the attributes as query parameters', () => {
    const o = { scenario: { ...scenario, compare: 50 }, view: 'blockade,receptors', autoplay: true };
    expect(frameUrl('/ldn/frame.html', o)).toBe('/ldn/frame.html?model=ldn&dose=4.5&time=22:00&days=3&view=blockade,receptors&compare=50&autoplay=');
    expect(iframeSnippet('/ldn/frame.html', o, 500)).toMatch(/^<iframe src="\/ldn\/frame\.html\?model=ldn&amp;dose=4\.5.*" title="[^"]+" width="100%" height="500" loading="lazy"><\/iframe>$/);
  });
});

describe('the blockade calibration in the embed snippet (issue #13)', () => {
  it('an app scenario under long carries blockade="long" into the snippet; brief (the default) adds nothing', async () => {
    const { widgetScenarioOf } = await import('../../ui/widget/ldn-embed-panel');
    const { widgetSnippet } = await import('../../ui/widget/snippet');
    const { defaultScenario } = await import('../../ui/scenario');
    const long = widgetScenarioOf({ ...defaultScenario('ldn'), presets: { blockade: 'long' } }, null);
    expect(long.dropped).toEqual([]);
    expect(widgetSnippet('./ldn-sim.js', { scenario: long.scenario })).toMatch(/ blockade="long"/);
    const brief = widgetScenarioOf(defaultScenario('ldn'), null);
    expect(widgetSnippet('./ldn-sim.js', { scenario: brief.scenario })).not.toMatch(/blockade=/);
  });
});
