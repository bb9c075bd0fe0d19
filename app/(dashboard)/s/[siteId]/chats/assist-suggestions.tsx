'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { SuggestionUse } from '@/server/contract/assist';
import type { ChatMessage } from '@/server/contract/channels';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Suggestion = RouterOutputs['assist']['suggest'][number];

/**
 * Knowledge-base suggestions for one chat: asked with the visitor's draft while they type,
 * else with their last message. One request at a time (the next asks with the newest text
 * once the answer is in), so fast typing never queues requests and nothing waits on a timer.
 */
export function useAssist(siteId: string, chatId: string, preview: string, messages: ChatMessage[]) {
  const trpc = useTRPC();
  const lastVisitor = messages.findLast((m) => m.sender === 'visitor')?.body ?? '';
  const text = (preview || lastVisitor).trim();
  const [asked, setAsked] = useState(text);
  const suggest = useQuery(
    trpc.assist.suggest.queryOptions(
      { siteId, chatId, text: asked },
      { enabled: asked !== '' && chatId !== '', staleTime: 60_000, placeholderData: (prev) => prev },
    ),
  );
  useEffect(() => {
    if (!suggest.isFetching && asked !== text) setAsked(text);
  }, [text, asked, suggest.isFetching]);
  const list = asked ? (suggest.data ?? []) : [];

  // Each article counts as shown once per chat, however long it stays while the visitor types on.
  const note = useMutation(trpc.assist.note.mutationOptions());
  const noted = useRef(new Set<string>());
  const shownKey = list.map((s) => s.articleId).join(',');
  useEffect(() => {
    const fresh = shownKey.split(',').filter((id) => id && !noted.current.has(`${chatId}/${id}`));
    if (fresh.length === 0) return;
    for (const id of fresh) noted.current.add(`${chatId}/${id}`);
    note.mutate({ siteId, kind: 'shown', chatId, articleIds: fresh });
    // `note` is a new object each render; the shown set is what matters.
  }, [shownKey, chatId, siteId]);

  const used = (s: Suggestion, via: SuggestionUse) =>
    note.mutate({ siteId, kind: 'used', chatId, articleId: s.articleId, via });
  return { list, used };
}

/** The list beside the reply box: question, a line of the answer, and the Alt+N that inserts it. */
export function AssistSuggestions({
  assist,
  onInsert,
}: {
  assist: ReturnType<typeof useAssist>;
  onInsert: (s: Suggestion, via: SuggestionUse) => void;
}) {
  const t = useTranslations('assist');
  // Alt+1…3 anywhere on the console (the reply box may not have the focus); by key code, since
  // Alt+digit types a symbol on macOS.
  const latest = useRef({ assist, onInsert });
  latest.current = { assist, onInsert };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const n = /^Digit([1-9])$/.exec(e.code)?.[1];
      if (!e.altKey || e.ctrlKey || e.metaKey || !n) return;
      const s = latest.current.assist.list[Number(n) - 1];
      if (!s) return;
      e.preventDefault();
      latest.current.onInsert(s, 'shortcut');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (assist.list.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('title')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('hint')}
        </Typography.Text>
      }
      style={{ marginBottom: 8 }}
      styles={{ body: { padding: 4 } }}
      data-testid="assist-suggestions"
    >
      {assist.list.map((s, i) => (
        <div
          key={s.articleId}
          role="button"
          tabIndex={0}
          data-testid="assist-suggestion"
          data-article-id={s.articleId}
          title={t('insert')}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onInsert(s, 'click')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onInsert(s, 'click');
          }}
          style={{ cursor: 'pointer', padding: '4px 8px', borderRadius: 4, display: 'flex', gap: 8, minWidth: 0 }}
        >
          <Typography.Text keyboard style={{ flex: 'none' }}>
            {/* A key's name, the same in every language. */}
            Alt+{i + 1}
          </Typography.Text>
          <span style={{ minWidth: 0, overflow: 'hidden' }}>
            <Typography.Text strong ellipsis style={{ display: 'block' }}>
              {s.question}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
              {s.preview}
            </Typography.Text>
          </span>
        </div>
      ))}
    </Card>
  );
}
