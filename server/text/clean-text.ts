// One rule for text from outside (the snippet, the orders API, the realtime channels, tRPC
// inputs), applied as it is parsed and before any schema looks at it. Text is repaired,
// never refused for its characters (a page title cut inside an emoji must not cost the
// page view):
// - a lone UTF-16 surrogate, valid for JSON.parse but refused by ClickHouse's JSON input
//   (the whole insert fails), becomes U+FFFD;
// - control characters other than tab, line feed and carriage return (C0, DEL, C1) are
//   removed: they are invisible in the dashboard and break CSV exports and terminals.

// Any surrogate sends the string down the slow path; paired ones (emoji) survive it unchanged.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function cleanText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.toWellFormed().replace(CONTROL, '');
}

/** `value` with every string in it (object keys too) cleaned; arrays and plain objects are copied, nothing else is touched. */
export function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[cleanText(key)] = cleanDeep(item);
    return out;
  }
  return value;
}

/** JSON.parse with the rule above applied; throws SyntaxError like JSON.parse. */
export function parseCleanJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  // Text with no suspect character and no escape that could write one (\b, \f, \uXXXX)
  // parses to clean values: the copy is skipped (most bodies; ~5 % of an ingest request).
  return SUSPECT.test(text) || MAY_ESCAPE.test(text) ? cleanDeep(value) : value;
}

const MAY_ESCAPE = /\\[bfu]/;
