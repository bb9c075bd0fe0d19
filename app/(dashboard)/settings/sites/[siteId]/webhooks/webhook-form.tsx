'use client';
import { Alert, Checkbox, Form, Input, Modal, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@/server/contract/webhooks';

export interface WebhookFormValues {
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
}

/** Create or edit one subscription: the address, the events it hears of, whether it is on. */
export function WebhookForm({
  open,
  initial,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  initial: WebhookFormValues | null;
  busy: boolean;
  error?: string;
  onCancel: () => void;
  onSubmit: (values: WebhookFormValues) => void;
}) {
  const t = useTranslations('webhooks');
  const [form] = Form.useForm<WebhookFormValues>();
  useEffect(() => {
    if (open) form.setFieldsValue(initial ?? { url: '', events: ['lead.created'], enabled: true });
  }, [open, initial, form]);
  return (
    <Modal
      open={open}
      title={initial ? t('edit') : t('new')}
      okText={t('save')}
      onOk={() => void form.validateFields().then(onSubmit, () => undefined)}
      confirmLoading={busy}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="webhook-form">
        <Form.Item
          name="url"
          label={t('url')}
          extra={t('urlHelp')}
          rules={[{ required: true, type: 'url', message: t('urlInvalid') }]}
        >
          <Input placeholder="https://crm.example.com/hooks/leadtrail" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="events" label={t('events')} rules={[{ required: true, message: t('eventsRequired') }]}>
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 4 }}
            options={WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: <code>{e}</code> }))}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
