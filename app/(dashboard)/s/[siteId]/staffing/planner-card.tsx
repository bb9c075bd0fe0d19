'use client';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type StaffingPlan = RouterOutputs['staffing']['plan'];
type PlanCell = StaffingPlan['cells'][number];
import { downloadCsv } from '@/app/_components/csv';
import { useFormat } from '@/app/_components/use-format';
import { NO_DATA } from '@/app/(dashboard)/s/[siteId]/geo/map-scale';
import { useSlotLabel, WeekHourGrid } from './week-hour-grid';

const SHORT = '#fde2e1';
const COVERED = '#dcfce7';

export const understaffed = (c: PlanCell) => c.agentsSeen < c.agentsNeeded;

/** Agents needed against agents seen, per weekday × hour; short hours in red. */
export function PlannerGrid({
  plan,
  concurrency,
  timeZone,
}: {
  plan: StaffingPlan;
  concurrency: number;
  timeZone: string;
}) {
  const t = useTranslations('staffing.planner');
  const fmt = useFormat(timeZone);
  const slot = useSlotLabel();
  const weekday = useTranslations('staffing.weekday');
  const exportCsv = () =>
    downloadCsv(
      'staffing-plan',
      [
        t('csv.weekday'),
        t('csv.hour'),
        t('csv.chatsPerHour'),
        t('csv.aht'),
        t('csv.callsPerHour'),
        t('csv.callAht'),
        t('csv.chatAgents'),
        t('csv.callAgents'),
        t('csv.needed'),
        t('csv.seen'),
        t('csv.understaffed'),
      ],
      plan.cells.map((c) => [
        weekday(String(c.weekday) as '1'),
        c.hour,
        round(c.chatsPerHour),
        Math.round(plan.ahtSeconds),
        round(c.callsPerHour),
        Math.round(plan.callAhtSeconds),
        c.chatAgents,
        c.callAgents,
        c.agentsNeeded,
        round(c.agentsSeen),
        understaffed(c),
      ]),
    );
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <WeekHourGrid
        cells={plan.cells}
        testId="plan"
        look={(c) => ({
          background: c.agentsNeeded === 0 && c.agentsSeen === 0 ? NO_DATA : understaffed(c) ? SHORT : COVERED,
          content:
            c.agentsNeeded === 0 && c.agentsSeen === 0 ? (
              ''
            ) : (
              <>
                <div style={{ fontWeight: 600 }} data-testid="needed">
                  {fmt.number(c.agentsNeeded)}
                </div>
                <div style={{ fontSize: 10, opacity: 0.7 }}>{fmt.decimal(c.agentsSeen)}</div>
              </>
            ),
          data: { 'data-needed': String(c.agentsNeeded), 'data-understaffed': String(understaffed(c)) },
          tooltip: (
            <div>
              <div style={{ fontWeight: 600 }}>{slot(c)}</div>
              <div>{t('tip.chats', { value: fmt.decimal(c.chatsPerHour) })}</div>
              {c.callsPerHour > 0 && <div>{t('tip.calls', { value: fmt.decimal(c.callsPerHour) })}</div>}
              <div>{t('tip.needed', { value: fmt.number(c.agentsNeeded) })}</div>
              {c.callAgents > 0 && (
                <div>{t('tip.split', { chats: fmt.number(c.chatAgents), calls: fmt.number(c.callAgents) })}</div>
              )}
              <div>{t('tip.seen', { value: fmt.decimal(c.agentsSeen) })}</div>
              {understaffed(c) && <div style={{ fontWeight: 600 }}>{t('tip.short')}</div>}
            </div>
          ),
        })}
      />
      <Space size={12} wrap style={{ fontSize: 12, color: '#6b7280' }}>
        <span>{t('legend.cell')}</span>
        <Swatch colour={SHORT} label={t('legend.short')} />
        <Swatch colour={COVERED} label={t('legend.covered')} />
        <Swatch colour={NO_DATA} label={t('legend.none')} />
        <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} data-testid="plan-csv">
          {t('exportCsv')}
        </Button>
      </Space>
      <Alert
        type="info"
        showIcon
        data-testid="plan-method"
        title={t('method', { concurrency })}
        description={
          <>
            {t('callMethod', {
              value: plan.callAhtSource === 'measured' ? fmt.duration(plan.callAhtSeconds * 1000) : t('callFallback'),
            })}{' '}
            {t('seenMethod')}
          </>
        }
      />
    </Space>
  );
}

function Swatch({ colour, label }: { colour: string; label: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span style={{ width: 16, height: 10, background: colour, border: '1px solid #d1d5db' }} />
      {label}
    </span>
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

// Numbers, not formatted text, so the message can choose "1 agent" or "0.75 agents" (and formats them in the user's locale).
const hundredths = (n: number) => Math.round(n * 100) / 100;

/** The one-glance answer: the hour that needs the most agents. */
export function BusiestHour({ plan }: { plan: StaffingPlan }) {
  const t = useTranslations('staffing.busiest');
  const slot = useSlotLabel();
  const top = plan.cells.reduce<PlanCell | undefined>(
    (best, c) =>
      !best ||
      c.agentsNeeded > best.agentsNeeded ||
      (c.agentsNeeded === best.agentsNeeded && c.chatsPerHour > best.chatsPerHour)
        ? c
        : best,
    undefined,
  );
  const short = plan.cells.filter(understaffed).length;
  return (
    <Card size="small" data-testid="busiest">
      {!top || top.agentsNeeded === 0 ? (
        <Typography.Text>{t('none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="busiest-answer">
            {t('answer', { slot: slot(top), agents: top.agentsNeeded })}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="busiest-detail">
            {t('detail', { chats: hundredths(top.chatsPerHour), seen: hundredths(top.agentsSeen), short })}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
