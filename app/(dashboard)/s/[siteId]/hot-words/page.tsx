'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { TermDrawer } from '@/app/(dashboard)/s/[siteId]/hot-words/term-drawer';
import { WordCloud } from '@/app/(dashboard)/s/[siteId]/hot-words/word-cloud';

type Word = RouterOutputs['hotWords']['list'][number];

function HotWords() {
  const t = useTranslations('hotWords');
  const trpc = useTRPC();
  const { siteId = '' } = useSite();
  const fmt = useFormat();
  const { input } = useReportParams();
  const words = useQuery(trpc.hotWords.list.queryOptions(input));
  const [term, setTerm] = useState<string | null>(null);
  const change = (w: Word) => w.count - w.previous;
  const count = (key: 'count' | 'visitors' | 'previous', csvTitle: string): Column<Word> => ({
    key,
    title: t(key),
    csvTitle,
    value: (w) => w[key],
    align: 'right',
    render: (w) => fmt.number(w[key]),
  });
  const columns: Column<Word>[] = [
    {
      key: 'term',
      title: t('term'),
      csvTitle: 'term',
      value: (w) => w.term,
      render: (w) => <b translate="no">{w.term}</b>,
    },
    count('count', 'count'),
    count('visitors', 'visitors'),
    count('previous', 'previous_period'),
    {
      key: 'change',
      title: t('change'),
      csvTitle: 'change',
      value: change,
      align: 'right',
      render: (w) => (
        <Typography.Text type={change(w) > 0 ? 'success' : change(w) < 0 ? 'secondary' : undefined}>
          {change(w) > 0 ? '+' : ''}
          {fmt.number(change(w))}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <QueryState query={words} isEmpty={(w) => w.length === 0} rows={6}>
        {(rows) => (
          <>
            <Card size="small" title={t('cloud')}>
              <WordCloud words={rows} onPick={setTerm} />
            </Card>
            <Card size="small">
              <DataTable
                title={t('table')}
                rows={rows}
                columns={columns}
                rowKey={(w) => w.term}
                filename={`${siteId}-hot-words`}
                pageSize={20}
                onRowClick={(w) => setTerm(w.term)}
                testId="hot-words-table"
              />
            </Card>
          </>
        )}
      </QueryState>
      <TermDrawer siteId={siteId} term={term} onClose={() => setTerm(null)} />
    </Space>
  );
}

export default function HotWordsPage() {
  return (
    <Suspense>
      <HotWords />
    </Suspense>
  );
}
