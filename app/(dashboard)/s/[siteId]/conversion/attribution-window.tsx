'use client';
import { Select, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';

const WINDOWS = [7, 14, 30, 60, 90];

/** How long after a chat an order still counts for it: shared by the conversion and agent reports. */
export function AttributionWindow({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const t = useTranslations('conversion');
  return (
    <Space wrap>
      <Typography.Text type="secondary">{t('window')}</Typography.Text>
      <Select
        value={value}
        onChange={onChange}
        style={{ width: 140 }}
        aria-label={t('window')}
        options={WINDOWS.map((d) => ({ value: d, label: t('days', { n: d }) }))}
        data-testid="attribution-window"
      />
      <Typography.Text type="secondary">{t('windowHelp')}</Typography.Text>
    </Space>
  );
}
