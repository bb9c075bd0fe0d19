'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { useSettingsSite } from '@/app/_components/settings-site';
import { useTRPC } from '@/app/_lib/trpc';
import type { AlertSettings } from '@/server/contract/notify';

/** Settings → Alerts (admins and managers): per site, each alert kind on or off with its threshold. */
export default function AlertSettingsPage() {
  const t = useTranslations('notify.settings');
  const { siteId, picker } = useSettingsSite(t('site'), 'alerts-site');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {picker}
      {siteId && <AlertSettingsForm key={siteId} siteId={siteId} />}
    </Space>
  );
}

function AlertSettingsForm({ siteId }: { siteId: string }) {
  const t = useTranslations('notify.settings');
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm<AlertSettings>();
  const current = useQuery(trpc.notify.alertSettings.queryOptions({ siteId }));
  const save = useMutation(
    trpc.notify.saveAlertSettings.mutationOptions({ onSuccess: () => void message.success(t('saved')) }),
  );
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);
  const on = (group: keyof AlertSettings) => (
    <Form.Item name={[group, 'enabled']} valuePropName="checked" noStyle>
      <Switch data-testid={`alert-${group}-on`} />
    </Form.Item>
  );
  const num = (group: keyof AlertSettings, field: string, label: string, min: number, max: number, step = 1) => (
    <Form.Item name={[group, field]} label={label} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} step={step} style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <Form<AlertSettings>
      form={form}
      layout="vertical"
      disabled={current.isPending}
      onFinish={(settings) => save.mutate({ siteId, settings })}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('traffic')} extra={on('traffic')} size="small">
          <Typography.Paragraph type="secondary">{t('trafficHint')}</Typography.Paragraph>
          <Space wrap size={16}>
            {num('traffic', 'spikeFactor', t('spikeFactor'), 1.5, 100, 0.5)}
            {num('traffic', 'dropFactor', t('dropFactor'), 0.01, 0.9, 0.05)}
            {num('traffic', 'minPageviews', t('minPageviews'), 1, 10_000_000)}
          </Space>
        </Card>
        <Card title={t('waiting')} extra={on('waiting')} size="small">
          {num('waiting', 'seconds', t('seconds'), 10, 3600)}
        </Card>
        <Card title={t('noAgent')} extra={on('noAgent')} size="small">
          {num('noAgent', 'minRequests', t('minRequests'), 0.1, 100_000, 0.5)}
        </Card>
        <Card title={t('delivery')} extra={on('delivery')} size="small">
          {num('delivery', 'minutes', t('minutes'), 5, 1440)}
        </Card>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="alert-settings-save">
          {t('save')}
        </Button>
      </Space>
    </Form>
  );
}
