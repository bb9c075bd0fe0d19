'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Statistic, Tag } from 'antd';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReplaceQuery } from '@/app/_components/use-replace-query';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';
import { countColumn } from '@/app/(dashboard)/s/[siteId]/goals/figure-columns';
import { BotsChart } from './bots-chart';

/** The bot picked in the names table, kept in the URL (?bot=…) so a reload keeps it. */
function useBotParam() {
  const search = useSearchParams();
  const replaceQuery = useReplaceQuery();
  const bot = search.get('bot')?.trim().slice(0, 128) || undefined;
  const setBot = (value: string | undefined) => replaceQuery({ bot: value });
  return { bot, setBot };
}

/** Figures, hits over time and the tables of what was filtered out as bots. */
export function BotsReport() {
  const t = useTranslations('bots');
  const { bot, setBot } = useBotParam();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Figures />
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t('overTime')}
          extra={
            bot && (
              <Tag closable onClose={() => setBot(undefined)} data-testid="bot-filter">
                {bot}
              </Tag>
            )
          }
        >
          <Series bot={bot} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Breakdown bot={bot} onPick={(v) => setBot(v === bot ? undefined : v)} />
      </Col>
      <Col xs={24} xl={12}>
        <Pages bot={bot} />
      </Col>
    </Row>
  );
}

function Figures() {
  const t = useTranslations('bots');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const summary = useQuery(trpc.bots.summary.queryOptions(input));
  return (
    <Card size="small">
      <QueryState query={summary} rows={1}>
        {(s) => (
          <Row gutter={[16, 16]} data-testid="bot-figures">
            <Col xs={12} md={8}>
              <Statistic title={t('hits')} value={fmt.number(s.hits)} data-testid="bot-hits" />
            </Col>
            <Col xs={12} md={8}>
              <Statistic title={t('bots')} value={fmt.number(s.bots)} data-testid="bot-count" />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('share')}
                value={s.hits + s.pageviews ? fmt.percent(s.hits / (s.hits + s.pageviews)) : '—'}
                data-testid="bot-share"
              />
            </Col>
          </Row>
        )}
      </QueryState>
    </Card>
  );
}

function Series({ bot }: { bot?: string }) {
  const trpc = useTRPC();
  const { input } = useReportParams();
  const series = useQuery(trpc.bots.series.queryOptions({ ...input, bot }));
  return (
    <QueryState query={series} isEmpty={(s) => s.points.every((p) => p.hits === 0)}>
      {(s) => <BotsChart series={s} bot={bot} />}
    </QueryState>
  );
}

function Breakdown({ bot, onPick }: { bot?: string; onPick: (name: string) => void }) {
  const t = useTranslations('bots');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const [by, setBy] = useState<'name' | 'category'>('name');
  const rows = useQuery(trpc.bots.breakdown.queryOptions({ ...input, by }));
  // The server names categories from a fixed list (search, ai, tool …), each translated here.
  const category = (c: string) => t(`category.${c}` as 'category.other');
  return (
    <Card
      size="small"
      title={by === 'name' ? t('byName') : t('byCategory')}
      extra={
        <Segmented
          size="small"
          value={by}
          onChange={(v) => setBy(v as 'name' | 'category')}
          options={[
            { value: 'name', label: t('name') },
            { value: 'category', label: t('categoryTitle') },
          ]}
          data-testid="bot-by"
        />
      }
    >
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(r) => r.value}
            filename={`${input.siteId}-bots-by-${by}`}
            testId={`bots-by-${by}`}
            onRowClick={by === 'name' ? (r) => onPick(r.value) : undefined}
            columns={[
              {
                key: 'value',
                title: by === 'name' ? t('name') : t('categoryTitle'),
                csvTitle: by,
                value: (r) => r.value,
                render: (r) =>
                  by === 'name' ? r.value === bot ? <strong>{r.value}</strong> : r.value : category(r.value),
              },
              ...(by === 'name'
                ? [
                    {
                      key: 'category',
                      title: t('categoryTitle'),
                      csvTitle: 'category',
                      value: (r: (typeof data)[number]) => r.category,
                      render: (r: (typeof data)[number]) => category(r.category),
                    },
                  ]
                : []),
              countColumn<(typeof data)[number]>(fmt, 'hits', t('hits'), (r) => r.hits),
              countColumn<(typeof data)[number]>(fmt, 'pages', t('pages'), (r) => r.pages),
              {
                key: 'lastSeen',
                title: t('lastSeen'),
                csvTitle: 'last_seen',
                value: (r) => r.lastSeen,
                render: (r) => fmt.dateTime(r.lastSeen),
                align: 'right',
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

function Pages({ bot }: { bot?: string }) {
  const t = useTranslations('bots');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const rows = useQuery(trpc.bots.pages.queryOptions({ ...input, bot }));
  return (
    <Card size="small" title={bot ? t('pagesOf', { bot }) : t('topPages')}>
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(r) => r.path}
            filename={`${input.siteId}-bot-pages`}
            testId="bot-pages"
            columns={[
              {
                key: 'path',
                title: t('page'),
                csvTitle: 'page',
                value: (r) => r.path,
                render: (r) => <span style={{ wordBreak: 'break-all' }}>{r.path}</span>,
              },
              countColumn<(typeof data)[number]>(fmt, 'hits', t('hits'), (r) => r.hits),
              countColumn<(typeof data)[number]>(fmt, 'bots', t('bots'), (r) => r.bots),
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
