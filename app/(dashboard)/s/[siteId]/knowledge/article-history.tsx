'use client';
import { useQuery } from '@tanstack/react-query';
import { Empty, Timeline, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC } from '@/app/_lib/trpc';

/** Who changed an article, when, and which fields; newest first. */
export function ArticleHistory({ siteId, articleId }: { siteId: string; articleId: string }) {
  const t = useTranslations('knowledge');
  const trpc = useTRPC();
  const format = useFormat();
  const history = useQuery(trpc.kb.history.queryOptions({ siteId, articleId }));
  return (
    <QueryState query={history}>
      {(entries) =>
        entries.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            data-testid="kb-history"
            items={entries.map((e, i) => ({
              key: e.article.version,
              content: (
                <div data-testid="kb-history-entry">
                  <Typography.Text strong>
                    {t('historyEntry', { who: e.editorName, version: e.article.version })}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{format.dateTime(e.article.editedAt)}</Typography.Text>
                  </div>
                  <div>
                    {i === entries.length - 1
                      ? t('created')
                      : t('changedFields', { fields: e.changed.map((f) => t(`fields.${f}`)).join(', ') })}
                  </div>
                </div>
              ),
            }))}
          />
        )
      }
    </QueryState>
  );
}
