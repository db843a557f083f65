/** The message `frame.html` posts to its parent with its content height (see frame.ts and frame-host.ts). */
export const FRAME_HEIGHT_MESSAGE = 'ldn-sim:frame-height';

/** Largest height, CSS px, that `frame-host.js` gives an iframe (a guard against a runaway message). */
export const FRAME_MAX_HEIGHT_PX = 20_000;
