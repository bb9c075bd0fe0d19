'use client';
import { Button, DatePicker, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslations } from 'use-intl';
import { RANGE_PRESETS, type RangePreset } from '@/server/contract/report-input';
import { TagFilter } from './tag-filter';
import { FILTER_KEYS, useReportParams } from './use-report-params';

/** The last two weeks ending today in the site's time zone (a browser elsewhere has another today). */
function defaultCustomRange(timeZone: string): [string, string] {
  const today = dayjs(new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date()));
  return [today.subtract(13, 'day').format('YYYY-MM-DD'), today.format('YYYY-MM-DD')];
}

/** Date range (in the site's time zone) and the active page-wide filters. */
export function ReportToolbar({ timeZone }: { timeZone: string }) {
  const t = useTranslations('common');
  const { input, setRange, setFilter, clearFilters } = useReportParams();
  // Tags have their own selects, with names and colours.
  const active = FILTER_KEYS.filter((k) => input.filters[k] && k !== 'tag' && k !== 'notTag');
  return (
    <div
      style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}
      data-testid="report-toolbar"
    >
      <Select<RangePreset>
        value={input.range.preset}
        style={{ width: 160 }}
        aria-label="range"
        options={RANGE_PRESETS.map((p) => ({ value: p, label: t(`range.${p}`) }))}
        onChange={(p) => (p === 'custom' ? setRange('custom', ...defaultCustomRange(timeZone)) : setRange(p))}
      />
      {input.range.preset === 'custom' && (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(input.range.from), dayjs(input.range.to)]}
          onChange={(v) => v?.[0] && v[1] && setRange('custom', v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD'))}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('range.timeZone', { tz: timeZone })}
      </Typography.Text>
      <TagFilter
        siteId={input.siteId}
        include={input.filters.tag}
        exclude={input.filters.notTag}
        onChange={setFilter}
      />
      <Space size={4} wrap>
        {active.map((k) => (
          <Tag key={k} closable color="geekblue" onClose={() => setFilter(k, undefined)} data-filter={k}>
            {t(`filters.${k}`)}: {input.filters[k]}
          </Tag>
        ))}
        {active.length > 1 && (
          <Button size="small" type="link" onClick={clearFilters}>
            {t('filters.clear')}
          </Button>
        )}
      </Space>
    </div>
  );
}
