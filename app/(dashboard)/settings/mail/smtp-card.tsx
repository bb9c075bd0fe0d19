'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { MAIL_SECURITY, type SmtpSettings } from '@/server/contract/mail';

/** The install's SMTP relay: every mail LeadTrail sends goes through it; a test message proves it. */
export function SmtpCard() {
  const t = useTranslations('mail');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const smtp = useQuery(trpc.mail.smtp.queryOptions());
  const save = useMutation(
    trpc.mail.saveSmtp.mutationOptions({
      onSuccess: () => {
        void message.success(t('saved'));
        void queryClient.invalidateQueries({ queryKey: trpc.mail.smtp.queryKey() });
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const [to, setTo] = useState('');
  const test = useMutation(
    trpc.mail.sendTest.mutationOptions({
      onSuccess: (r) =>
        void (r.ok
          ? message.success(t('test.sent', { to }))
          : r.error
            ? message.error(t('test.failed', { error: r.error }))
            : message.info(t('test.queued'))),
      onError: (e) => void message.error(e.message),
    }),
  );
  return (
    <Card title={t('smtp.title')} data-testid="smtp-card">
      <QueryState query={smtp} isEmpty={() => false}>
        {(data) => (
          <Form<SmtpSettings>
            layout="vertical"
            style={{ maxWidth: 560 }}
            initialValues={{ port: 587, security: 'starttls', fromName: 'LeadTrail', user: '', ...data, password: '' }}
            onFinish={(v) => save.mutate({ ...v, user: v.user ?? '', password: v.password ?? '' })}
          >
            <Space wrap align="start">
              <Form.Item name="host" label={t('smtp.host')} rules={[{ required: true }]}>
                <Input style={{ width: 260 }} placeholder="smtp.example.com" data-testid="smtp-host" />
              </Form.Item>
              <Form.Item name="port" label={t('smtp.port')} rules={[{ required: true }]}>
                <InputNumber min={1} max={65535} data-testid="smtp-port" />
              </Form.Item>
              <Form.Item name="security" label={t('security.label')}>
                <Select
                  data-testid="smtp-security"
                  style={{ width: 160 }}
                  options={MAIL_SECURITY.map((s) => ({ value: s, label: t(`security.${s}`) }))}
                />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item name="user" label={t('smtp.user')}>
                <Input style={{ width: 260 }} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('password')}
                extra={data?.passwordSet ? t('passwordKept') : undefined}
              >
                <Input.Password style={{ width: 240 }} autoComplete="new-password" />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item name="from" label={t('smtp.from')} rules={[{ required: true, type: 'email' }]}>
                <Input style={{ width: 260 }} placeholder="support@example.com" data-testid="smtp-from" />
              </Form.Item>
              <Form.Item name="fromName" label={t('smtp.fromName')}>
                <Input style={{ width: 240 }} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="smtp-save">
              {t('save')}
            </Button>
          </Form>
        )}
      </QueryState>
      <Space.Compact style={{ marginTop: 24, maxWidth: 560, width: '100%' }}>
        <Input
          value={to}
          onChange={(e) => setTo(e.target.value)}
          placeholder={t('test.to')}
          aria-label={t('test.to')}
          data-testid="smtp-test-to"
        />
        <Button
          onClick={() => test.mutate({ to })}
          loading={test.isPending}
          disabled={!smtp.data || !/^\S+@\S+\.\S+$/.test(to)}
          data-testid="smtp-test"
        >
          {t('test.send')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
