'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { ROBOT_MODES, type ServiceSettings } from '@/server/contract/service-settings';

const DAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

/** The site's business hours and robot: shown, and edited in a modal (admins). */
export function ServiceCard({ siteId }: { siteId: string }) {
  const t = useTranslations('robot.service');
  const tc = useTranslations('calls');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const settings = useQuery(trpc.service.get.queryOptions({ siteId }));
  const [editing, setEditing] = useState(false);
  const update = useMutation(
    trpc.service.update.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        void message.success(t('saved'));
        await queryClient.invalidateQueries(trpc.service.pathFilter());
      },
    }),
  );
  return (
    <Card
      title={t('title')}
      style={{ marginTop: 16 }}
      extra={
        <Button onClick={() => setEditing(true)} data-testid="service-edit">
          {t('edit')}
        </Button>
      }
    >
      <QueryState query={settings}>
        {(s) => (
          <>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('hours')}>
                {s.hours.enabled ? (
                  <Space direction="vertical" size={0}>
                    {DAYS.map((d, i) => (
                      <span key={d}>
                        {t(`days.${d}`)}:{' '}
                        {(s.hours.days[i] ?? []).map((x) => `${x.from}–${x.to}`).join(', ') || t('closed')}
                      </span>
                    ))}
                  </Space>
                ) : (
                  t('alwaysOpen')
                )}
              </Descriptions.Item>
              {s.hours.enabled && s.hours.holidays.length > 0 && (
                <Descriptions.Item label={t('holidays')}>
                  <Space size={2} wrap>
                    {s.hours.holidays.map((h) => (
                      <Tag key={h}>{h}</Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('mode')}>
                <span data-testid="robot-mode">{t(`modes.${s.robot.mode}`)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('name')}>{s.robot.name}</Descriptions.Item>
              <Descriptions.Item label={t('threshold')}>{s.robot.threshold ?? '–'}</Descriptions.Item>
              <Descriptions.Item label={tc('settings.enabled')}>
                <span data-testid="calls-enabled">
                  {s.calls.enabled
                    ? [
                        tc('settings.on'),
                        `${tc('settings.ringSeconds')}: ${s.calls.ringSeconds}`,
                        ...(s.calls.record ? [tc('settings.recordingOn', { days: s.calls.retentionDays })] : []),
                      ].join(' · ')
                    : tc('settings.off')}
                </span>
              </Descriptions.Item>
            </Descriptions>
            <ServiceForm
              open={editing}
              initial={s}
              busy={update.isPending}
              error={update.error?.message}
              onCancel={() => setEditing(false)}
              onSubmit={(v) => update.mutate({ siteId, ...v })}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function ServiceForm(props: {
  open: boolean;
  initial: ServiceSettings;
  busy: boolean;
  error?: string;
  onSubmit: (v: ServiceSettings) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('robot.service');
  const tc = useTranslations('calls');
  const [form] = Form.useForm<ServiceSettings>();
  const enabled = Form.useWatch(['hours', 'enabled'], form) ?? props.initial.hours.enabled;
  return (
    <Modal
      open={props.open}
      title={t('title')}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      confirmLoading={props.busy}
      destroyOnHidden
      forceRender
      width={560}
    >
      <Form<ServiceSettings>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={props.initial}
        onFinish={(v) => props.onSubmit({ ...v, robot: { ...v.robot, threshold: v.robot.threshold ?? null } })}
      >
        <Form.Item name={['hours', 'enabled']} label={t('hoursOn')} extra={t('hoursHelp')} valuePropName="checked">
          <Switch data-testid="hours-enabled" />
        </Form.Item>
        {DAYS.map((d, i) => (
          <Form.List key={d} name={['hours', 'days', i]}>
            {(fields, { add, remove }) => (
              <Form.Item label={t(`days.${d}`)} style={{ marginBottom: 8 }} hidden={!enabled}>
                <Space direction="vertical" size={4}>
                  {fields.map((f) => (
                    <Space key={f.key} size={4}>
                      <Form.Item name={[f.name, 'from']} noStyle rules={[{ required: true }]}>
                        <Input type="time" aria-label={t('from')} data-testid={`day-${d}-from`} />
                      </Form.Item>
                      –
                      <Form.Item name={[f.name, 'to']} noStyle rules={[{ required: true }]}>
                        <Input type="time" aria-label={t('to')} data-testid={`day-${d}-to`} />
                      </Form.Item>
                      <Button size="small" type="text" onClick={() => remove(f.name)} aria-label="×">
                        ×
                      </Button>
                    </Space>
                  ))}
                  {fields.length < 4 && (
                    <Button size="small" type="dashed" onClick={() => add({ from: '09:00', to: '18:00' })}>
                      {t('addSpan')}
                    </Button>
                  )}
                </Space>
              </Form.Item>
            )}
          </Form.List>
        ))}
        <Form.Item name={['hours', 'holidays']} label={t('holidays')} extra={t('holidaysHelp')} hidden={!enabled}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="2026-10-01" />
        </Form.Item>
        <Form.Item name={['robot', 'mode']} label={t('mode')}>
          <Select
            data-testid="robot-mode-select"
            options={ROBOT_MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name={['robot', 'threshold']} label={t('threshold')} extra={t('thresholdHelp')}>
          <InputNumber min={0} max={1} step={0.05} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name={['robot', 'name']} label={t('name')} rules={[{ required: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name={['calls', 'enabled']}
          label={tc('settings.enabled')}
          extra={tc('settings.enabledHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="calls-enabled-switch" />
        </Form.Item>
        <Form.Item
          name={['calls', 'ringSeconds']}
          label={tc('settings.ringSeconds')}
          extra={tc('settings.ringSecondsHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber min={5} max={300} style={{ width: 120 }} data-testid="calls-ring-seconds" />
        </Form.Item>
        <Form.Item
          name={['calls', 'record']}
          label={tc('settings.record')}
          extra={tc('settings.recordHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="calls-record-switch" />
        </Form.Item>
        <Form.Item
          name={['calls', 'retentionDays']}
          label={tc('settings.retentionDays')}
          extra={tc('settings.retentionDaysHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={365} style={{ width: 120 }} data-testid="calls-retention-days" />
        </Form.Item>
        {props.error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {props.error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
