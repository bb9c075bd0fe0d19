// First-party ids in localStorage. A session ends after 30 minutes without an event (the
// rule Plausible, Umami and GA share). Where storage throws (privacy modes, sandboxed
// frames) the ids live in memory for the page's lifetime.
const SESSION_MS = 30 * 60 * 1000;
// A stored value the contract would reject must not silence every later event.
const VALID = /^[A-Za-z0-9]{16,64}$/;
const memory: Record<string, string> = {};

function read(key: string): string {
  let value: string | null = null;
  try {
    value = localStorage.getItem(key);
  } catch {
    // storage blocked: memory answers
  }
  return value || memory[key] || '';
}

function write(key: string, value: string): void {
  memory[key] = value;
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked or full: memory holds it
  }
}

/** 24 characters of 0-9a-v: 5 unbiased random bits each, 120 bits in all. */
export function randomId(): string {
  let id = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(24))) id += (byte & 31).toString(32);
  return id;
}

export function visitorId(): string {
  let id = read('lt_vid');
  if (!VALID.test(id)) write('lt_vid', (id = randomId()));
  return id;
}

/** The session id; `activity` (an event being sent) renews an idle session and restarts the 30 minutes. */
export function sessionId(activity: boolean): string {
  const now = Date.now();
  let id = read('lt_sid');
  if (activity) {
    if (!VALID.test(id) || now - Number(read('lt_last')) > SESSION_MS) write('lt_sid', (id = randomId()));
    write('lt_last', String(now));
  }
  return id;
}
