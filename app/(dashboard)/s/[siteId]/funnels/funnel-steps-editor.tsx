'use client';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';
import { STEP_KIND_NAMES, STEP_KINDS, type StepKindName } from '@/server/contract/funnel-steps';
import { MAX_FUNNEL_STEPS } from '@/server/contract/funnels';

export interface DraftStep {
  kind: StepKindName;
  config: Record<string, string>;
}
type Goal = RouterOutputs['goals']['list'][number];

/** The text fields each kind's config needs; kinds without config need none. */
const FIELDS: Partial<
  Record<StepKindName, { key: string; label: 'pattern' | 'eventName' | 'propKey' | 'propValue'; width: number }[]>
> = {
  page: [{ key: 'pattern', label: 'pattern', width: 220 }],
  event: [
    { key: 'eventName', label: 'eventName', width: 160 },
    { key: 'propKey', label: 'propKey', width: 110 },
    { key: 'propValue', label: 'propValue', width: 110 },
  ],
};

/** The funnel's steps: each a kind from the step table and that kind's fields. */
export function FunnelStepsEditor({
  steps,
  goals,
  onChange,
}: {
  steps: DraftStep[];
  goals: Goal[];
  onChange: (steps: DraftStep[]) => void;
}) {
  const t = useTranslations('goals.funnels');
  const set = (i: number, step: DraftStep) => onChange(steps.map((s, j) => (j === i ? step : s)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="funnel-steps">
      {steps.map((step, i) => (
        <Space key={i} wrap align="center" data-testid={`funnel-step-${i + 1}`}>
          <Typography.Text strong style={{ minWidth: 56, display: 'inline-block' }}>
            {t('step', { n: i + 1 })}
          </Typography.Text>
          <Select<StepKindName>
            value={step.kind}
            style={{ width: 180 }}
            aria-label={t('kind')}
            onChange={(kind) => set(i, { kind, config: {} })}
            options={STEP_KIND_NAMES.map((k) => ({ value: k, label: t(`kinds.${STEP_KINDS[k].label}`) }))}
          />
          {(FIELDS[step.kind] ?? []).map((f) => (
            <Input
              key={f.key}
              style={{ width: f.width }}
              placeholder={t(f.label)}
              aria-label={t(f.label)}
              value={step.config[f.key] ?? ''}
              onChange={(e) => set(i, { ...step, config: { ...step.config, [f.key]: e.target.value } })}
            />
          ))}
          {step.kind === 'goal' && (
            <Select
              style={{ width: 200 }}
              placeholder={t('goal')}
              aria-label={t('goal')}
              value={step.config['goalId']}
              onChange={(goalId: string) => set(i, { ...step, config: { goalId } })}
              options={goals.map((g) => ({ value: g.goalId, label: g.name }))}
            />
          )}
          <Button
            aria-label={t('removeStep')}
            icon={<DeleteOutlined />}
            disabled={steps.length <= 2}
            onClick={() => onChange(steps.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button
        icon={<PlusOutlined />}
        disabled={steps.length >= MAX_FUNNEL_STEPS}
        onClick={() => onChange([...steps, { kind: 'page', config: {} }])}
        data-testid="add-step"
      >
        {t('addStep')}
      </Button>
    </Space>
  );
}
