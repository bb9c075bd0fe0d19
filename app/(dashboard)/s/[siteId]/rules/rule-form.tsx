'use client';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Form, Input, InputNumber, Segmented, Select, Space, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'next/navigation';
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import { CONDITION_KINDS, type ConditionKind, type InviteRule, type RuleInput } from '@/server/contract/rule-schema';
import { FIELD_OF, GROUP_PREFIX, toRuleInput, toValues, type FormValues } from './rule-values';

/** Create or edit one rule in a drawer; the page saves it. */
export function RuleForm({
  open,
  rule,
  agents,
  saving,
  onSave,
  onClose,
}: {
  open: boolean;
  rule: InviteRule | null;
  agents: { id: string; name: string }[];
  saving: boolean;
  onSave: (input: RuleInput) => void;
  onClose: () => void;
}) {
  const t = useTranslations('rules');
  const [form] = Form.useForm<FormValues>();
  const per = Form.useWatch('per', form);
  const trpc = useTRPC();
  const { siteId } = useParams<{ siteId: string }>();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  const groups = useQuery(trpc.group.list.queryOptions({ siteId })).data?.groups ?? [];
  useEffect(() => {
    if (open) form.setFieldsValue(toValues(rule));
  }, [open, rule, form]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={rule ? t('edit') : t('new')}
      data-testid="rule-form"
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="rule-save">
            {t('save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => onSave(toRuleInput(values, rule?.ruleId))}
        initialValues={toValues(rule)}
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 100 }]}>
          <Input maxLength={100} data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="match" label={t('match.label')}>
          <Segmented
            options={[
              { value: 'all', label: t('match.all') },
              { value: 'any', label: t('match.any') },
            ]}
          />
        </Form.Item>
        <Form.List name="conditions">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="rule-conditions">
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 230 }}
                      aria-label={t('conditions')}
                      options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`kindLabel.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const kind = form.getFieldValue(['conditions', field.name, 'kind']) as ConditionKind | undefined;
                      if (!kind) return null;
                      const which = FIELD_OF[kind];
                      if (which === 'seconds' || which === 'count') {
                        return (
                          <Form.Item
                            name={[field.name, which]}
                            style={{ marginBottom: 0 }}
                            rules={[{ required: true }]}
                          >
                            <InputNumber
                              min={which === 'count' ? 1 : 0}
                              max={86_400}
                              style={{ width: 120 }}
                              aria-label={t(`kindLabel.${kind}`)}
                            />
                          </Form.Item>
                        );
                      }
                      if (which === 'pattern' || which === 'value') {
                        return (
                          <Form.Item
                            name={[field.name, which]}
                            style={{ marginBottom: 0 }}
                            rules={[{ required: true, max: 256 }]}
                            extra={which === 'pattern' ? t('patternHelp') : undefined}
                          >
                            <Input style={{ width: 220 }} maxLength={256} aria-label={t(`kindLabel.${kind}`)} />
                          </Form.Item>
                        );
                      }
                      if (which === 'tagIds') {
                        return (
                          <Form.Item
                            name={[field.name, 'tagIds']}
                            style={{ marginBottom: 0 }}
                            rules={[{ required: true }]}
                          >
                            <Select
                              mode="multiple"
                              style={{ width: 220 }}
                              aria-label={t(`kindLabel.${kind}`)}
                              options={(tags.data ?? []).map((tag) => ({ value: tag.tagId, label: tag.name }))}
                            />
                          </Form.Item>
                        );
                      }
                      if (which === 'countries') {
                        return (
                          <Form.Item
                            name={[field.name, 'countries']}
                            style={{ marginBottom: 0 }}
                            rules={[{ required: true }]}
                            extra={t('countriesHelp')}
                          >
                            <Select
                              mode="tags"
                              style={{ width: 220 }}
                              tokenSeparators={[',', ' ']}
                              aria-label={t('kindLabel.country')}
                            />
                          </Form.Item>
                        );
                      }
                      return null;
                    }}
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button icon={<DeleteOutlined />} aria-label={t('delete')} onClick={() => remove(field.name)} />
                  )}
                </Space>
              ))}
              {fields.length < 10 && (
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'pagesViewed', count: 2 })}>
                  {t('addCondition')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
        <Form.Item name="message" label={t('message')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid="rule-message" />
        </Form.Item>
        <Form.Item name="agentId" label={t('agent')}>
          <Select
            data-testid="rule-agent"
            options={[
              { value: '', label: t('pool') },
              ...groups.map((g) => ({
                value: `${GROUP_PREFIX}${g.groupId}`,
                label: t('groupOption', { name: g.name }),
              })),
              ...agents.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
        </Form.Item>
        <Space align="start">
          <Form.Item name="per" label={t('cap.label')}>
            <Select
              style={{ width: 240 }}
              options={[
                { value: 'visit', label: t('cap.visit') },
                { value: 'visitor', label: t('cap.visitor') },
                { value: 'day', label: t('cap.dayOption') },
              ]}
            />
          </Form.Item>
          {per === 'day' && (
            <Form.Item name="max" label={t('max')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Drawer>
  );
}
