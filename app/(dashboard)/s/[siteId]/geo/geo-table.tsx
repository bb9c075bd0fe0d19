'use client';
import { FilterOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';
import type { GeoDrill } from '@/server/contract/geo';
import type { ReportInput } from '@/server/contract/report-input';
import { useCountryName } from '@/app/_components/country';
import type { Column } from '@/app/_components/data-table';
import { DataTable } from '@/app/_components/data-table';
import { moneyColumns } from '@/app/_components/money-columns';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useLocale } from '@/app/_i18n/locale-provider';
import { useTRPC } from '@/app/_lib/trpc';

type GeoRow = RouterOutputs['geo']['breakdown']['rows'][number];
import { drillInto, TABLE_METRICS, type GeoMetric } from './geo-view';

export interface GeoTableProps {
  input: ReportInput & { siteId: string };
  drill: GeoDrill;
  onDrill: (drill: GeoDrill) => void;
  /** Sets the page-wide country filter (every report on every screen). */
  onFilterCountry: (code: string) => void;
  show: (metric: GeoMetric, value: number) => string;
}

/** Places at the current drill level, every metric a sortable column, with the way back up. */
export function GeoTable({ input, drill, onDrill, onFilterCountry, show }: GeoTableProps) {
  const t = useTranslations('geo');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const countryName = useCountryName();
  const fmt = useFormat();
  const { locale } = useLocale();
  const query = useQuery(trpc.geo.breakdown.queryOptions({ ...input, ...drill, locale }));
  // Countries are named by the browser like everywhere else; regions and cities by the server.
  const label = (r: GeoRow) =>
    r.place === '' ? tc('unknown') : drill.level === 'country' ? countryName(r.place) : r.name || r.place;
  const filterButton = (code: string, text?: string) => (
    <Tooltip title={text ? undefined : t('filterSite')}>
      <Button
        size="small"
        type={text ? 'default' : 'text'}
        icon={<FilterOutlined />}
        aria-label={t('filterSite')}
        disabled={input.filters.country === code}
        data-testid={`filter-country-${code}`}
        onClick={(e) => {
          e.stopPropagation();
          onFilterCountry(code);
        }}
      >
        {text}
      </Button>
    </Tooltip>
  );

  const columns = (rows: GeoRow[]): Column<GeoRow>[] => [
    // The CSV keeps the code (ISO or geoip's city) for joins, and the name beside it.
    { key: 'code', title: '', csvTitle: drill.level, value: (r) => r.place, hidden: true },
    {
      key: 'place',
      title: t(`level.${drill.level}`),
      csvTitle: `${drill.level}_name`,
      value: label,
      render: (r) => (
        <span data-place={r.place} title={r.place && r.place !== label(r) ? r.place : undefined}>
          {label(r)}
        </span>
      ),
    },
    ...TABLE_METRICS.map((m): Column<GeoRow> => ({
      key: m,
      title:
        m === 'conversion' ? (
          <ConversionTitle text={t('metric.conversion')} help={t('conversionHelp')} />
        ) : (
          t(`metric.${m}`)
        ),
      csvTitle: m,
      value: (r) => r[m],
      render: (r) => show(m, r[m]),
      align: 'right',
    })),
    ...moneyColumns(rows, (r) => r.revenue, t('metric.revenue'), fmt),
    ...(drill.level === 'country'
      ? [
          {
            key: 'filter',
            title: '',
            value: () => '',
            render: (r: GeoRow) => (r.place ? filterButton(r.place) : null),
            sortable: false,
            width: 48,
          },
        ]
      : []),
  ];

  const up = (to: GeoDrill, text: ReactNode) => (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onDrill(to)}>
      {text}
    </Button>
  );
  const crumbs = [{ title: drill.level === 'country' ? t('world') : up({ level: 'country' }, t('world')) }];
  if (drill.level !== 'country')
    crumbs.push({
      title:
        drill.level === 'region'
          ? countryName(drill.country)
          : up({ level: 'region', country: drill.country }, countryName(drill.country)),
    });
  if (drill.level === 'city')
    crumbs.push({ title: drill.region === '' ? tc('unknown') : (query.data?.regionName ?? drill.region) });
  const canDrill = drill.level !== 'city';

  return (
    <Card
      size="small"
      title={
        <nav data-testid="geo-breadcrumb">
          <Breadcrumb items={crumbs} />
        </nav>
      }
      extra={drill.level !== 'country' && filterButton(drill.country, t('filterSite'))}
    >
      <QueryState query={query} isEmpty={(d) => d.rows.length === 0}>
        {(data) => (
          <DataTable
            rows={data.rows}
            rowKey={(r) => r.place}
            filename={[input.siteId, 'geo', ...Object.values(drill).filter(Boolean)].join('-')}
            testId="geo-table"
            title={
              canDrill ? (
                <span style={{ fontWeight: 400, fontSize: 12, color: '#6b7280' }}>{t(`drillHint.${drill.level}`)}</span>
              ) : undefined
            }
            onRowClick={
              canDrill
                ? (r) => {
                    const next = drillInto(drill, r.place);
                    if (next) onDrill(next);
                  }
                : undefined
            }
            columns={columns(data.rows)}
          />
        )}
      </QueryState>
    </Card>
  );
}

function ConversionTitle({ text, help }: { text: string; help: string }) {
  return (
    <Tooltip title={help}>
      <span>
        {text} <QuestionCircleOutlined style={{ color: '#9ca3af' }} />
      </span>
    </Tooltip>
  );
}
