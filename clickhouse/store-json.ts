// ClickHouse's JSON input formats refuse a lone UTF-16 surrogate escape ("\ud800") with
// CANNOT_PARSE_ESCAPE_SEQUENCE and fail the whole insert. Text from outside is repaired as
// it is parsed (server/text/clean-text.ts); this is the store's own guard for anything
// that slipped past, e.g. a journal written by an older version.

/** JSON.stringify whose output never holds a lone surrogate. */
export function storeJson(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify writes a lone surrogate as a lowercase \udXXX escape: text without
  // that sequence (nearly all of it) is returned as it is.
  return text.includes('\\ud') ? JSON.stringify(wellFormed(JSON.parse(text))) : text;
}

/** Over parsed JSON, so only plain data: toJSON (dates) already ran. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toWellFormed(), wellFormed(v)]));
  }
  return value;
}
