'use client';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslations } from 'use-intl';
import type { TagCondition, TagConditionKind } from '@/server/contract/tag-schema';

/** The fields one kind of condition asks for, under `condition` in the rule form. */
export function RuleConditionFields({ kind }: { kind: TagConditionKind | undefined }) {
  const t = useTranslations('tags.rules');
  const required = [{ required: true, whitespace: true, message: t('value') }];
  const count = (
    <Form.Item name={['condition', 'count']} label={t('count')} initialValue={2} rules={[{ required: true }]}>
      <InputNumber min={1} max={100000} precision={0} />
    </Form.Item>
  );
  switch (kind) {
    case 'pageVisits':
      return (
        <>
          <Form.Item name={['condition', 'pattern']} label={t('pattern')} rules={required}>
            <Input placeholder="/product/*" data-testid="rule-pattern" />
          </Form.Item>
          {count}
        </>
      );
    case 'visits':
      return count;
    case 'source':
    case 'campaign':
      return (
        <Form.Item name={['condition', 'value']} label={t('value')} rules={required}>
          <Input placeholder={kind === 'source' ? 'Baidu' : 'spring_sale'} />
        </Form.Item>
      );
    case 'country':
      return (
        <Form.Item
          name={['condition', 'value']}
          label={t('value')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[{ required: true, pattern: /^[A-Z]{2}$/, message: 'CN, US, …' }]}
        >
          <Input placeholder="CN" maxLength={2} />
        </Form.Item>
      );
    case 'device':
      return (
        <Form.Item name={['condition', 'value']} label={t('value')} initialValue="mobile">
          <Select options={['desktop', 'mobile', 'tablet'].map((d) => ({ value: d, label: d }))} />
        </Form.Item>
      );
    case 'ordered':
      return (
        <>
          <Form.Item
            name={['condition', 'currency']}
            label={t('currency')}
            initialValue=""
            normalize={(v: string) => v.toUpperCase()}
            rules={[{ pattern: /^([A-Z]{3})?$/, message: 'CNY, USD, …' }]}
          >
            <Input placeholder="CNY" maxLength={3} />
          </Form.Item>
          <Form.Item name={['condition', 'minTotal']} label={t('minTotal')} initialValue={0}>
            <InputNumber min={0} />
          </Form.Item>
        </>
      );
    case 'customEvent':
      return (
        <Form.Item name={['condition', 'name']} label={t('eventName')} rules={required}>
          <Input placeholder="signup" />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** One line saying what a condition asks, in the interface language. */
export function useDescribeCondition(): (c: TagCondition) => string {
  const t = useTranslations('tags.rules.describe');
  return (c) => {
    switch (c.kind) {
      case 'pageVisits':
        return t('pageVisits', { pattern: c.pattern, count: c.count });
      case 'visits':
        return t('visits', { count: c.count });
      case 'source':
      case 'campaign':
      case 'country':
      case 'device':
        return t(c.kind, { value: c.value });
      case 'ordered':
        return c.currency ? t('ordered', { total: c.minTotal, currency: c.currency }) : t('orderedAny');
      case 'customEvent':
        return t('customEvent', { value: c.name });
      case 'chatted':
      case 'lead':
        return t(c.kind);
    }
  };
}
