import { describe, expect, it } from 'vitest';
import { matchCannedReplies } from './canned-match';

const reply = (shortcut: string, body: string) => ({ replyId: `cr_${shortcut}`, shortcut, body, version: 1 });
const REPLIES = [
  reply('bye', 'Thanks for chatting!'),
  reply('hello', 'Hi, how can I help?'),
  reply('reship', 'We resend lost parcels.'),
  reply('ship', 'We ship worldwide within 5 days.'),
];
const shortcuts = (draft: string) => matchCannedReplies(REPLIES, draft)?.map((r) => r.shortcut) ?? null;

describe('matchCannedReplies', () => {
  it('answers only a draft that starts with a slash', () => {
    expect(shortcuts('ship')).toBeNull();
    expect(shortcuts('see /ship')).toBeNull();
    expect(shortcuts('/')).toEqual(['bye', 'hello', 'reship', 'ship']);
  });

  it('puts shortcut prefixes first, then other shortcut hits, then body hits', () => {
    expect(shortcuts('/ship')).toEqual(['ship', 'reship']);
    expect(shortcuts('/SHI')).toEqual(['ship', 'reship']);
    expect(shortcuts('/help')).toEqual(['hello']);
    expect(shortcuts('/worldwide')).toEqual(['ship']);
    expect(shortcuts('/nothing here')).toEqual([]);
  });

  it('matches by substring, not a pattern: a long draft of near-misses is an ordinary miss', () => {
    // The draft is the agent's own text, but it is matched on every keystroke: no regex here.
    const long = [reply('aaaa', `${'a'.repeat(4000)}b`)];
    expect(matchCannedReplies(long, `/${'a'.repeat(4000)}c`)).toEqual([]);
    expect(matchCannedReplies(long, `/${'a'.repeat(3999)}b`)?.map((r) => r.shortcut)).toEqual(['aaaa']);
    expect(shortcuts('/.*')).toEqual([]);
  });
});
