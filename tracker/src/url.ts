// The ingest contract bounds every URL; location.href is already absolute and encoded,
// so cutting it keeps it a valid URL.
export const MAX_URL = 2048;

export function pageUrl(): string {
  return location.href.slice(0, MAX_URL);
}

/** The value as a contract URL, or '' when it is not http(s) (android-app://, about:blank…). */
export function httpUrl(value: string): string {
  return /^https?:\/\//.test(value) ? value.slice(0, MAX_URL) : '';
}
