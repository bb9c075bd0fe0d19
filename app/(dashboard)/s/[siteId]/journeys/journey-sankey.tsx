'use client';
import { Grid } from 'antd';
import { ResponsiveContainer, Sankey, Tooltip, type SankeyNodeProps } from 'recharts';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import type { RouterOutputs } from '@/app/_lib/trpc';

type Neighbours = RouterOutputs['journeys']['neighbours'];
type Neighbour = Neighbours['rows'][number];

/** How many neighbours of a side get their own band; the rest share one "Other pages" band. */
const BANDS = 7;
const COLOR = { page: '#1677ff', chosen: '#0958d9', edge: '#bfbfbf', other: '#d9d9d9' } as const;

interface FlowNode {
  name: string;
  kind: keyof typeof COLOR;
  side: 'before' | 'chosen' | 'after';
}

/** previous → chosen → next, each band as wide as its sessions; the tables beside it carry every row. */
export function JourneySankey({
  page,
  data,
  name,
}: {
  page: string;
  data: Neighbours;
  name: (r: Neighbour) => string;
}) {
  const t = useTranslations('journeys');
  const fmt = useFormat();
  const narrow = !Grid.useBreakpoint().md;
  const nodes: FlowNode[] = [{ name: page, kind: 'chosen', side: 'chosen' }];
  const links: { source: number; target: number; value: number }[] = [];
  for (const side of ['before', 'after'] as const) {
    const rows = data.rows.filter((r) => r.side === side);
    const bands = rows.length > BANDS + 1 ? rows.slice(0, BANDS) : rows;
    const rest = rows.slice(bands.length).reduce((n, r) => n + r.sessions, 0);
    const add = (node: FlowNode, value: number) => {
      nodes.push(node);
      const at = nodes.length - 1;
      links.push(side === 'before' ? { source: at, target: 0, value } : { source: 0, target: at, value });
    };
    for (const r of bands) add({ name: name(r), kind: r.path === null ? 'edge' : 'page', side }, r.sessions);
    if (rest > 0) add({ name: t('other'), kind: 'other', side }, rest);
  }
  const max = narrow ? 14 : 32;
  const short = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

  const FlowNodeShape = ({ x, y, width, height, payload }: SankeyNodeProps) => {
    const node = payload as unknown as FlowNode;
    const left = node.side === 'before';
    return (
      <g>
        <rect x={x} y={y} width={width} height={height} fill={COLOR[node.kind]} rx={2} />
        <text
          x={left ? x + width + 6 : node.side === 'after' ? x - 6 : x + width / 2}
          y={node.side === 'chosen' ? y - 6 : y + height / 2}
          textAnchor={left ? 'start' : node.side === 'after' ? 'end' : 'middle'}
          dominantBaseline={node.side === 'chosen' ? 'auto' : 'middle'}
          fontSize={12}
          fontWeight={node.side === 'chosen' ? 600 : 400}
          fill="rgba(0,0,0,0.88)"
        >
          {short(node.name)}
        </text>
      </g>
    );
  };

  return (
    <div data-testid="journey-sankey" role="img" aria-label={t('chart')}>
      <ResponsiveContainer width="100%" height={narrow ? 300 : 360}>
        <Sankey
          data={{ nodes, links }}
          node={FlowNodeShape}
          nodePadding={14}
          nodeWidth={12}
          sort={false}
          margin={{ top: 24, right: 8, bottom: 8, left: 8 }}
          link={{ stroke: COLOR.page, strokeOpacity: 0.18 }}
        >
          <Tooltip
            formatter={(value) => {
              const n = Number(value);
              return `${fmt.number(n)} ${t('sessions')} · ${fmt.percent(data.sessions ? n / data.sessions : 0)}`;
            }}
          />
        </Sankey>
      </ResponsiveContainer>
    </div>
  );
}
