'use client';
import { FilterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Segmented, Space, Tooltip } from 'antd';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import type { GeoLevel, GeoRow } from '@/server/queries/geo-breakdown';
import { useCountryName } from '../../../../_components/country';
import { DataTable } from '../../../../_components/data-table';
import { QueryState } from '../../../../_components/query-state';
import { ReportHeader } from '../../../../_components/report-header';
import { useFormat } from '../../../../_components/use-format';
import { useReportParams } from '../../../../_components/use-report-params';
import { useSite } from '../../../../_components/use-site';
import { useTRPC } from '../../../../_lib/trpc';
import { WorldMap } from './world-map';

const METRICS = ['visitors', 'chats', 'leads', 'orders', 'conversion'] as const;
type Metric = (typeof METRICS)[number];
const COLUMNS: Exclude<keyof GeoRow, 'place'>[] = ['visitors', 'sessions', 'pageviews', 'chats', 'leads', 'orders', 'revenue', 'conversion'];

function Geo() {
  const t = useTranslations('geo');
  const trpc = useTRPC();
  const { site } = useSite();
  const { input, setFilter } = useReportParams();
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const fmt = useFormat(site?.timeZone);
  const countryName = useCountryName();
  const metric = (METRICS as readonly string[]).includes(search.get('metric') ?? '') ? (search.get('metric') as Metric) : 'visitors';
  const country = search.get('geoCountry') ?? undefined;
  const region = country ? (search.get('geoRegion') ?? undefined) : undefined;
  const level: GeoLevel = region !== undefined ? 'city' : country ? 'region' : 'country';
  const go = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const countries = useQuery(trpc.geo.breakdown.queryOptions({ ...input, level: 'country' }));
  const drill = useQuery(trpc.geo.breakdown.queryOptions({ ...input, level, country, region }, { enabled: level !== 'country' }));
  const table = level === 'country' ? countries : drill;
  const show = (m: Exclude<keyof GeoRow, 'place'>, v: number) => (m === 'conversion' ? fmt.percent(v) : m === 'revenue' ? fmt.decimal(v) : fmt.number(v));
  const placeLabel = (p: string) => (level === 'country' ? countryName(p) : p || t('noData'));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Card
        size="small"
        title={
          <Space>
            {t('colourBy')}
            <Segmented<Metric> value={metric} options={METRICS.map((m) => ({ value: m, label: m === 'conversion' ? <Tooltip title={t('conversionHelp')}>{t('metric.conversion')}</Tooltip> : t(`metric.${m}`) }))} onChange={(m) => go({ metric: m })} data-testid="metric-switch" />
          </Space>
        }
      >
        <QueryState query={countries} rows={8}>
          {(data) => (
            <WorldMap
              values={new Map(data.rows.filter((r) => r.place).map((r) => [r.place, r[metric]]))}
              format={(v) => show(metric, v)}
              onSelect={(code) => go({ geoCountry: code, geoRegion: undefined })}
              legend={(min, max) => t('legend', { metric: t(`metric.${metric}`), min, max })}
            />
          )}
        </QueryState>
      </Card>
      <Card
        size="small"
        title={
          <Breadcrumb
            items={[
              { title: <a onClick={() => go({ geoCountry: undefined, geoRegion: undefined })}>{t('world')}</a> },
              ...(country ? [{ title: <a onClick={() => go({ geoRegion: undefined })}>{countryName(country)}</a> }] : []),
              ...(region !== undefined ? [{ title: region || t('noData') }] : []),
            ]}
          />
        }
        extra={country && <Button size="small" icon={<FilterOutlined />} onClick={() => setFilter('country', country)}>{t('filterSite')}</Button>}
      >
        <QueryState query={table} isEmpty={(d) => d.rows.length === 0}>
          {(data) => (
            <DataTable
              rows={data.rows}
              rowKey={(r) => r.place}
              filename={`${input.siteId}-geo-${level}`}
              testId="geo-table"
              onRowClick={level === 'city' ? undefined : (r) => go(level === 'country' ? { geoCountry: r.place, geoRegion: undefined } : { geoRegion: r.place })}
              columns={[
                { key: 'place', title: t(level), csvTitle: level, value: (r) => r.place, render: (r) => <span data-place={r.place}>{placeLabel(r.place)}</span> },
                ...COLUMNS.map((m) => ({ key: m, title: t(`metric.${m}`), csvTitle: m, value: (r: GeoRow) => r[m], render: (r: GeoRow) => show(m, r[m]), align: 'right' as const })),
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

export default function GeoPage() {
  return (
    <Suspense>
      <Geo />
    </Suspense>
  );
}
