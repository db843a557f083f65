/** The key of a simulation request, by which the worker pool caches results (and the app matches its first screen). */

/**
 * A text that identifies a request completely: two requests have the same key only if they are the same data
 * (every field, nested, with numbers exact: -0, NaN and Infinity are told apart, and an absent field differs from
 * an `undefined` one). Object keys are sorted, so key order does not matter.
 */
export function requestKey(value: unknown): string {
  if (value === null) return 'z';
  switch (typeof value) {
    case 'number': return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'string': return `s${JSON.stringify(value)}`;
    case 'boolean': return value ? 'T' : 'F';
    case 'undefined': return 'u';
    case 'bigint': return `i${value}`;
    case 'object': {
      if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        const items = Array.from(value as ArrayLike<unknown>, requestKey);
        return `${Array.isArray(value) ? '' : value.constructor.name}[${items.join(',')}]`;
      }
      const o = value as Record<string, unknown>;
      return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${requestKey(o[k])}`).join(',')}}`;
    }
    default: throw new TypeError(`requestKey: cannot key a ${typeof value}`);
  }
}
