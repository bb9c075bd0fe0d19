/**
 * Whole-text match of a pattern where `*` stands for any run of characters (case as given;
 * callers lower-case both sides). The invitation rules used to compile patterns into
 * `^a.*b.*c$` regexes, which backtrack polynomially in the number of stars: a long crafted
 * path held the event loop every second, for every visitor (`npm run bench -- --only regex`).
 *
 * Here the first part must be a prefix, the last a suffix, and each part between is placed
 * at its leftmost occurrence after the one before. Leftmost is always safe (it leaves the
 * most room for what follows), so there is no backtracking: the scan only moves forward.
 */
export interface GlobWork {
  /** Text positions the searches started from or passed over; at most text + pattern length. */
  positions: number;
}

export function globMatch(text: string, pattern: string, work?: GlobWork): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return text === pattern;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  // Prefix and suffix may not share characters of the text.
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    if (part === '') continue;
    const found = text.indexOf(part, at);
    const next = found < 0 ? end : found + part.length;
    if (work) work.positions += Math.max(0, Math.min(next, end) - at) + 1;
    if (found < 0 || next > end) return false;
    at = next;
  }
  return true;
}
