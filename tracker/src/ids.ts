// First-party ids in localStorage. A session ends after 30 minutes without activity
// (the rule Plausible, Umami and GA share); private modes that throw on storage get
// in-memory ids for the page's lifetime.
const SESSION_MS = 30 * 60 * 1000;
const memory: Record<string, string> = {};

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return memory[key] ?? null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    memory[key] = value;
  }
}

export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const b of bytes) id += (b % 36).toString(36);
  return id + Date.now().toString(36);
}

export function visitorId(): string {
  let id = read('lt_vid');
  if (!id) write('lt_vid', (id = randomId()));
  return id;
}

/** The current session id, renewed after 30 idle minutes; calling it counts as activity. */
export function sessionId(now = Date.now()): string {
  let id = read('lt_sid');
  if (!id || now - Number(read('lt_last')) > SESSION_MS) write('lt_sid', (id = randomId()));
  write('lt_last', String(now));
  return id;
}
