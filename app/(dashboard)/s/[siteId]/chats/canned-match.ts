import type { RouterOutputs } from '@/app/_lib/trpc';

type CannedReply = RouterOutputs['canned']['list'][number];

const MAX_SUGGESTIONS = 8;

/**
 * The replies a draft asks for: only a draft that starts with `/` asks (a slash later in a
 * sentence is just text). What follows the slash matches the shortcut or the body,
 * case-insensitively; shortcuts that start with it come first, then other shortcut hits,
 * then body hits. Null when the draft is not a `/` query.
 */
export function matchCannedReplies(replies: readonly CannedReply[], draft: string): CannedReply[] | null {
  if (!draft.startsWith('/')) return null;
  const q = draft.slice(1).trim().toLowerCase();
  const rank = (r: CannedReply) =>
    r.shortcut.startsWith(q) ? 0 : r.shortcut.includes(q) ? 1 : r.body.toLowerCase().includes(q) ? 2 : 3;
  return replies
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.r.shortcut.localeCompare(b.r.shortcut))
    .slice(0, MAX_SUGGESTIONS)
    .map((x) => x.r);
}
