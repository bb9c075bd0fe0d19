'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { Country } from '@/app/_components/country';
import { DataTable } from '@/app/_components/data-table';
import { HintTitle } from '@/app/_components/hint-title';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams, type FilterKey } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';

export interface BreakdownTab {
  key: string;
  label: string;
  dimension: string;
  /** The page filter a row click sets, if any. */
  filter?: FilterKey;
  /** Second column: page views or sessions. */
  count: 'pageviews' | 'sessions';
  render?: (value: string) => ReactNode;
}

/** A card of tabs, each a sortable, exportable top-N table; clicking a row filters the page. */
export function BreakdownCard({ title, tabs }: { title: string; tabs: BreakdownTab[] }) {
  const [active, setActive] = useState(tabs[0]?.key ?? '');
  const tab = tabs.find((x) => x.key === active) ?? tabs[0];
  return (
    <Card size="small" title={title} styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        size="small"
        activeKey={active}
        onChange={setActive}
        items={tabs.map((x) => ({ key: x.key, label: x.label }))}
      />
      {tab && <BreakdownTable tab={tab} />}
    </Card>
  );
}

function BreakdownTable({ tab }: { tab: BreakdownTab }) {
  const t = useTranslations('overview.breakdown');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input, setFilter } = useReportParams();
  const rows = useQuery(trpc.report.breakdown.queryOptions({ ...input, dimension: tab.dimension }));
  const filter = tab.filter;
  return (
    <QueryState query={rows} isEmpty={(r) => r.length === 0}>
      {(data) => (
        <DataTable
          rows={data}
          rowKey={(r) => r.value}
          filename={`${input.siteId}-${tab.key}`}
          testId={`breakdown-${tab.key}`}
          onRowClick={filter ? (r) => setFilter(filter, r.value) : undefined}
          columns={[
            {
              key: 'value',
              title: t('value'),
              csvTitle: tab.key,
              value: (r) => r.value,
              render: (r) => tab.render?.(r.value) ?? r.value,
            },
            {
              key: 'visitors',
              // Tabs counted by sessions attribute each visit by how it entered: say how that differs from Conversion's people.
              title:
                tab.count === 'sessions' ? (
                  <HintTitle text={t('visitors')} hint={t('visitorsBySessionHint')} testId="visitors-hint" />
                ) : (
                  t('visitors')
                ),
              csvTitle: 'visitors',
              value: (r) => r.visitors,
              render: (r) => fmt.number(r.visitors),
              align: 'right',
              width: 90,
            },
            {
              key: 'count',
              title: t(tab.count),
              csvTitle: tab.count,
              value: (r) => r.count,
              render: (r) => fmt.number(r.count),
              align: 'right',
              width: 100,
            },
          ]}
        />
      )}
    </QueryState>
  );
}

export const countryRender = (value: string) => <Country code={value} />;
