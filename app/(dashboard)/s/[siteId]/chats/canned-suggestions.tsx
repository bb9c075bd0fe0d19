'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type CannedReply = RouterOutputs['canned']['list'][number];
import { useTRPC } from '@/app/_lib/trpc';
import { matchCannedReplies } from './canned-match';

/**
 * The `/` picker of the reply box: which replies the draft asks for, which one is
 * highlighted, and the keys that drive it while it is open (the box keeps the focus, so
 * Enter inserts instead of sending only while the list shows).
 */
export function useCannedPicker(siteId: string, draft: string, onPick: (reply: CannedReply) => void) {
  const trpc = useTRPC();
  const replies = useQuery(trpc.canned.list.queryOptions({ siteId }, { staleTime: 60_000 }));
  // The highlight belongs to the draft it was made for: a new keystroke starts at the top.
  const [selection, setSelection] = useState({ draft: '', index: 0 });
  // Esc closes the list for the draft it was pressed on; the next keystroke reopens it
  // (reset while rendering, React's way of deriving state from a changed input).
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (dismissed !== null && dismissed !== draft) setDismissed(null);
  const matches = matchCannedReplies(replies.data ?? [], draft) ?? [];
  const open = matches.length > 0 && dismissed !== draft;
  const current = selection.draft === draft ? Math.min(selection.index, matches.length - 1) : 0;
  const setActive = (index: number) => setSelection({ draft, index });

  const pick = (reply: CannedReply) => onPick(reply);
  /** True when the key was the picker's (the caller then does nothing else with it). */
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (!open) return false;
    const picked = matches[current];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp')
      setActive((current + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    else if ((e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) || e.key === 'Tab') {
      if (picked) pick(picked);
    } else if (e.key === 'Escape') setDismissed(draft);
    else return false;
    e.preventDefault();
    return true;
  };
  // A lone "/" on a site without replies still answers: say where replies come from.
  const none = draft === '/' && replies.data?.length === 0;
  return { open, none, matches, active: current, pick, onKeyDown, setActive };
}

/** The open list, above the reply box. Mouse-down keeps the focus in the box. */
export function CannedSuggestions({ picker, listId }: { picker: ReturnType<typeof useCannedPicker>; listId: string }) {
  const t = useTranslations('canned');
  if (picker.none)
    return (
      <Typography.Text
        type="secondary"
        style={{ display: 'block', fontSize: 12, marginBottom: 4 }}
        data-testid="canned-hint"
      >
        {t('noneHint')}
      </Typography.Text>
    );
  if (!picker.open) return null;
  return (
    <Card
      size="small"
      title={t('suggestions')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('suggestionsHint')}
        </Typography.Text>
      }
      style={{
        position: 'absolute',
        bottom: '100%',
        left: 0,
        right: 0,
        zIndex: 10,
        marginBottom: 4,
        boxShadow: '0 6px 16px rgba(0,0,0,.12)',
      }}
      styles={{ body: { padding: 4, maxHeight: 260, overflowY: 'auto' } }}
    >
      <div id={listId} role="listbox" aria-label={t('suggestions')} data-testid="canned-suggestions">
        {picker.matches.map((r, i) => (
          <div
            key={r.replyId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === picker.active}
            data-testid="canned-suggestion"
            data-shortcut={r.shortcut}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => picker.setActive(i)}
            onClick={() => picker.pick(r)}
            style={{
              cursor: 'pointer',
              padding: '6px 8px',
              borderRadius: 4,
              background: i === picker.active ? '#eef2ff' : undefined,
              overflow: 'hidden',
              whiteSpace: 'nowrap',
              textOverflow: 'ellipsis',
            }}
          >
            <Typography.Text code>/{r.shortcut}</Typography.Text>{' '}
            <Typography.Text type="secondary">{r.body}</Typography.Text>
          </div>
        ))}
      </div>
    </Card>
  );
}
