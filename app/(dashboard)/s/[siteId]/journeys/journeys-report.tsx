'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Grid, Row, Segmented, Select, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { JOURNEY_STEPS, type NeighbourSide } from '@/server/contract/journeys';
import { JourneySankey } from './journey-sankey';
import { useJourneyParams } from './use-journey-params';

type Neighbour = RouterOutputs['journeys']['neighbours']['rows'][number];
type PathRow = RouterOutputs['journeys']['paths']['rows'][number];

// Tables size columns to their content (DataTable scrolls them on a phone): a long path wraps
// within this width instead, so the counts stay in view.
const CELL = { maxWidth: 'max(40vw - 20px, 130px)', whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

/** A right-aligned count and its share of `base`, each its own sortable, exported column. */
function countColumns<T>(
  value: (row: T) => number,
  base: number,
  t: (k: 'sessions' | 'share') => string,
  fmt: ReturnType<typeof useFormat>,
): Column<T>[] {
  const share = (r: T) => (base ? value(r) / base : 0);
  return [
    {
      key: 'sessions',
      title: t('sessions'),
      csvTitle: 'sessions',
      value,
      render: (r) => fmt.number(value(r)),
      align: 'right',
      width: 90,
    },
    {
      key: 'share',
      title: t('share'),
      csvTitle: 'share',
      value: share,
      render: (r) => fmt.percent(share(r)),
      align: 'right',
      width: 80,
    },
  ];
}

/** Pages before and after a chosen page, and the most taken runs of pages; the signed-in and the shared view both show it. */
export function JourneysReport() {
  const t = useTranslations('journeys');
  const trpc = useTRPC();
  const { input } = useReportParams();
  const { page: chosen, setPage } = useJourneyParams();
  const pages = useQuery(trpc.journeys.pages.queryOptions(input));
  // A page from the URL stays choosable even when it is not among this range's busiest.
  const page = chosen ?? pages.data?.[0]?.value;
  const narrow = !Grid.useBreakpoint().md;
  const options = [...new Set([...(chosen ? [chosen] : []), ...(pages.data ?? []).map((p) => p.value)])];
  const picker = (
    <Select
      showSearch
      size={narrow ? 'middle' : 'small'}
      value={page}
      onChange={setPage}
      loading={pages.isPending}
      placeholder={t('choosePage')}
      aria-label={t('choosePage')}
      options={options.map((value) => ({ value, label: value }))}
      style={{ width: narrow ? '100%' : 320 }}
      popupMatchSelectWidth={false}
      data-testid="journey-page"
    />
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('flowTitle')} extra={!narrow && picker}>
          {narrow && <div style={{ marginBottom: 12 }}>{picker}</div>}
          <QueryState query={pages} isEmpty={(p) => p.length === 0 && !chosen}>
            {() => (page ? <Neighbours page={page} onPick={setPage} /> : <Empty description={t('noPages')} />)}
          </QueryState>
        </Card>
      </Col>
      <Col xs={24}>
        <Paths />
      </Col>
    </Row>
  );
}

function Neighbours({ page, onPick }: { page: string; onPick: (page: string) => void }) {
  const t = useTranslations('journeys');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const data = useQuery(trpc.journeys.neighbours.queryOptions({ ...input, page }));
  return (
    <QueryState query={data} isEmpty={(d) => d.sessions === 0} rows={8}>
      {(d) => {
        const name = (r: Neighbour) => r.path ?? (r.side === 'before' ? t('entrance') : t('exit'));
        const table = (side: NeighbourSide) => (
          <DataTable
            rows={d.rows.filter((r) => r.side === side)}
            rowKey={(r) => r.path ?? ''}
            filename={`${input.siteId}-journey-${side}`}
            testId={`journey-${side}`}
            pageSize={10}
            onRowClick={(r) => r.path !== null && onPick(r.path)}
            columns={[
              {
                key: 'page',
                title: t(side),
                csvTitle: 'page',
                value: name,
                render: (r) => (
                  <div style={CELL}>
                    <Typography.Text type={r.path === null ? 'secondary' : undefined}>{name(r)}</Typography.Text>
                  </div>
                ),
              },
              ...countColumns<Neighbour>((r) => r.sessions, d.sessions, t, fmt),
            ]}
          />
        );
        return (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="journey-base">
              {t('flowHint', { sessions: fmt.number(d.sessions), page })}
            </Typography.Text>
            <JourneySankey page={page} data={d} name={name} />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                {table('before')}
              </Col>
              <Col xs={24} lg={12}>
                {table('after')}
              </Col>
            </Row>
          </Space>
        );
      }}
    </QueryState>
  );
}

function Paths() {
  const t = useTranslations('journeys');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const { steps, setSteps } = useJourneyParams();
  const data = useQuery(trpc.journeys.paths.queryOptions({ ...input, steps }));
  return (
    <Card
      size="small"
      title={t('pathsTitle')}
      extra={
        <Segmented
          size="small"
          value={steps}
          onChange={(v) => setSteps(v)}
          options={JOURNEY_STEPS.map((n) => ({ value: n, label: t('stepsN', { n }) }))}
          data-testid="journey-steps"
        />
      }
    >
      <QueryState query={data} isEmpty={(d) => d.rows.length === 0}>
        {(d) => (
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pathsHint', { steps, sessions: fmt.number(d.sessions) })}
            </Typography.Text>
            <DataTable
              rows={d.rows}
              rowKey={(r) => r.steps.join('\u0000')}
              filename={`${input.siteId}-journey-paths-${steps}`}
              testId="journey-paths"
              columns={[
                {
                  key: 'path',
                  title: t('path'),
                  csvTitle: 'path',
                  value: (r: PathRow) => r.steps.join(' → '),
                  render: (r: PathRow) => (
                    <div style={CELL}>
                      {r.steps.map((s, i) => (
                        <span key={i}>
                          {i > 0 && <Typography.Text type="secondary"> → </Typography.Text>}
                          {s}
                        </span>
                      ))}
                    </div>
                  ),
                },
                ...countColumns<PathRow>((r) => r.sessions, d.sessions, t, fmt),
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
