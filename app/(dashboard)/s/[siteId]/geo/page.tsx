'use client';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Tooltip } from 'antd';
import { useSearchParams } from 'next/navigation';
import { Suspense, useMemo } from 'react';
import { useTranslations } from 'use-intl';
import type { GeoDrill } from '@/server/contract/geo';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC } from '@/app/_lib/trpc';
import { GeoTable } from './geo-table';
import { drillInto, drillParams, MAP_METRICS, parseGeoView, type GeoMetric, type MapMetric } from './geo-view';
import { WorldMap } from './world-map';

function Geo() {
  const t = useTranslations('geo');
  const trpc = useTRPC();
  const { site } = useSite();
  const { input, setFilter, setParams: go } = useReportParams();
  const search = useSearchParams();
  const fmt = useFormat(site?.timeZone);
  const { metric, drill } = parseGeoView(search);

  const setDrill = (d: GeoDrill) => go(drillParams(d));
  const show = (m: GeoMetric, v: number) => (m === 'conversion' ? fmt.percent(v) : fmt.number(v));

  // The map always colours the countries of the world; drilled into one, it zooms into it.
  const countries = useQuery(trpc.geo.breakdown.queryOptions({ ...input, level: 'country' }));
  const values = useMemo(
    () => new Map((countries.data?.rows ?? []).filter((r) => r.place !== '').map((r) => [r.place, r[metric]])),
    [countries.data, metric],
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Card
        size="small"
        title={t('map.title')}
        extra={
          <Space size={8} wrap>
            <span style={{ fontSize: 12, color: '#6b7280' }}>{t('colourBy')}</span>
            <Segmented<MapMetric>
              size="small"
              value={metric}
              data-testid="metric-switch"
              onChange={(m) => go({ metric: m === 'visitors' ? undefined : m })}
              options={MAP_METRICS.map((m) => ({
                value: m,
                label:
                  m === 'conversion' ? (
                    <Tooltip title={t('conversionHelp')}>
                      <span>
                        {t('metric.conversion')} <QuestionCircleOutlined style={{ color: '#9ca3af' }} />
                      </span>
                    </Tooltip>
                  ) : (
                    t(`metric.${m}`)
                  ),
              }))}
            />
          </Space>
        }
      >
        <QueryState query={countries} rows={8} isEmpty={(d) => d.rows.length === 0}>
          {() => (
            <WorldMap
              values={values}
              metricLabel={t(`metric.${metric}`)}
              format={(v) => show(metric, v)}
              selected={drill.level === 'country' ? undefined : drill.country}
              onSelect={(code) => {
                const next = drillInto({ level: 'country' }, code);
                if (next) setDrill(next);
              }}
              onReset={() => setDrill({ level: 'country' })}
            />
          )}
        </QueryState>
      </Card>
      <GeoTable
        input={input}
        drill={drill}
        onDrill={setDrill}
        onFilterCountry={(code) => setFilter('country', code)}
        show={show}
      />
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
