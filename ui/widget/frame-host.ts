/**
 * `frame-host.js`: for a page that embeds `frame.html` in an `<iframe>` and may load one script from its own site.
 * It sets each such iframe's height to the content height its frame reports (`ldn-sim:frame-height` messages), so
 * the iframe fits its charts with no scroll bar, whatever `view` or width. Works under a strict policy
 * (`script-src 'self'; style-src 'self'`): the height is set through the CSSOM. A message changes only the iframe
 * whose window sent it. Include it with `<script type="module" src="ldn/frame-host.js"></script>`.
 */
import { FRAME_HEIGHT_MESSAGE, FRAME_MAX_HEIGHT_PX } from './frame-message';

window.addEventListener('message', (e: MessageEvent) => {
  const d = e.data as { type?: unknown; height?: unknown } | null;
  if (!d || typeof d !== 'object' || d.type !== FRAME_HEIGHT_MESSAGE) return;
  const h = d.height;
  if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > FRAME_MAX_HEIGHT_PX) return;
  for (const f of document.querySelectorAll('iframe')) {
    if (f.contentWindow === e.source) f.style.height = `${Math.ceil(h)}px`;
  }
});
