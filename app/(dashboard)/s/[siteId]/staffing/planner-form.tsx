'use client';
import { Form, InputNumber, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { PLAN_BOUNDS as BOUNDS, type PlanTarget } from '@/server/contract/plan-input';
import { useFormat } from '@/app/_components/use-format';

export const DEFAULT_TARGET: PlanTarget = { targetPercent: 80, targetSeconds: 20, concurrency: 3 };

/** Service level, concurrency and AHT: the planner's inputs, bounded as the API bounds them. */
export function PlannerForm({
  target,
  onChange,
  measuredAhtSeconds,
  timeZone,
}: {
  target: PlanTarget;
  onChange: (t: PlanTarget) => void;
  measuredAhtSeconds: number | undefined;
  timeZone: string;
}) {
  const t = useTranslations('staffing.planner');
  const fmt = useFormat(timeZone);
  // An empty or half-typed box ("3" on the way to "30") keeps the last valid value, so the
  // grid never flashes the API's validation error. An empty AHT box means "measured".
  const set = (key: keyof PlanTarget) => (v: number | null) => {
    const [min, max] = BOUNDS[key];
    if (key === 'ahtSeconds' && v === null) onChange({ ...target, ahtSeconds: undefined });
    else if (v !== null && v >= min && v <= max) onChange({ ...target, [key]: v });
  };
  return (
    <Form layout="inline" style={{ rowGap: 8 }} data-testid="planner-form">
      <Form.Item label={t('serviceLevel')} htmlFor="plan-percent">
        <InputNumber
          id="plan-percent"
          min={BOUNDS.targetPercent[0]}
          max={BOUNDS.targetPercent[1]}
          precision={0}
          value={target.targetPercent}
          onChange={set('targetPercent')}
          suffix="%"
          style={{ width: 90 }}
        />
      </Form.Item>
      <Form.Item label={t('within')} htmlFor="plan-seconds">
        <InputNumber
          id="plan-seconds"
          min={BOUNDS.targetSeconds[0]}
          max={BOUNDS.targetSeconds[1]}
          precision={0}
          value={target.targetSeconds}
          onChange={set('targetSeconds')}
          suffix={t('seconds')}
          style={{ width: 100 }}
        />
      </Form.Item>
      <Form.Item label={t('concurrency')} htmlFor="plan-concurrency" tooltip={t('concurrencyHelp')}>
        <InputNumber
          id="plan-concurrency"
          min={BOUNDS.concurrency[0]}
          max={BOUNDS.concurrency[1]}
          precision={0}
          value={target.concurrency}
          onChange={set('concurrency')}
          style={{ width: 80 }}
        />
      </Form.Item>
      <Form.Item label={t('aht')} htmlFor="plan-aht" tooltip={t('ahtHelp')}>
        <InputNumber
          id="plan-aht"
          min={BOUNDS.ahtSeconds[0]}
          max={BOUNDS.ahtSeconds[1]}
          precision={0}
          value={target.ahtSeconds ?? null}
          placeholder={measuredAhtSeconds ? String(Math.round(measuredAhtSeconds)) : ''}
          onChange={set('ahtSeconds')}
          suffix={t('seconds')}
          style={{ width: 120 }}
        />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 12, alignSelf: 'center' }} data-testid="measured-aht">
        {measuredAhtSeconds ? t('measuredAht', { value: fmt.duration(measuredAhtSeconds * 1000) }) : t('noMeasuredAht')}
      </Typography.Text>
    </Form>
  );
}
