'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { MAIL_SECURITY, type MailboxSettings } from '@/server/contract/mail';

interface Values {
  mailbox: MailboxSettings;
  notify: string[];
}

/** A site's mailbox (customers' mail becomes email conversations) and who hears of offline messages and callbacks. */
export function SiteMailCard({ siteId }: { siteId: string }) {
  const t = useTranslations('mail');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const settings = useQuery(trpc.mail.site.queryOptions({ siteId }));
  const save = useMutation(
    trpc.mail.saveSite.mutationOptions({
      onSuccess: () => {
        void message.success(t('saved'));
        void queryClient.invalidateQueries({ queryKey: trpc.mail.site.queryKey({ siteId }) });
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const check = useMutation(
    trpc.mail.checkNow.mutationOptions({
      onSuccess: (r) => void message.success(t('mailbox.checked', { n: r.messages })),
      onError: (e) => void message.error(e.message),
    }),
  );
  return (
    <Card title={t('mailbox.title')} data-testid="site-mail-card">
      <Typography.Paragraph type="secondary">{t('mailbox.intro')}</Typography.Paragraph>
      <QueryState query={settings} isEmpty={() => false}>
        {(data) => (
          <Form<Values>
            key={siteId}
            layout="vertical"
            style={{ maxWidth: 560 }}
            initialValues={{
              notify: data.notify,
              mailbox: {
                enabled: false,
                port: 993,
                security: 'tls',
                ...data.mailbox,
                password: '',
              },
            }}
            onFinish={(v) => {
              const m = v.mailbox;
              const filled = Boolean(m.address && m.host && m.user);
              save.mutate({
                siteId,
                settings: { notify: v.notify, mailbox: filled ? { ...m, password: m.password ?? '' } : null },
              });
            }}
          >
            <Form.Item name={['mailbox', 'enabled']} label={t('mailbox.enabled')} valuePropName="checked">
              <Switch data-testid="mailbox-enabled" />
            </Form.Item>
            <Form.Item name={['mailbox', 'address']} label={t('mailbox.address')} rules={[{ type: 'email' }]}>
              <Input style={{ width: 300 }} placeholder="support@example.com" data-testid="mailbox-address" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name={['mailbox', 'host']} label={t('mailbox.host')}>
                <Input style={{ width: 260 }} placeholder="imap.example.com" data-testid="mailbox-host" />
              </Form.Item>
              <Form.Item name={['mailbox', 'port']} label={t('smtp.port')}>
                <InputNumber min={1} max={65535} data-testid="mailbox-port" />
              </Form.Item>
              <Form.Item name={['mailbox', 'security']} label={t('security.label')}>
                <Select
                  data-testid="mailbox-security"
                  style={{ width: 160 }}
                  options={MAIL_SECURITY.map((s) => ({ value: s, label: t(`security.${s}`) }))}
                />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item name={['mailbox', 'user']} label={t('smtp.user')}>
                <Input style={{ width: 260 }} autoComplete="off" data-testid="mailbox-user" />
              </Form.Item>
              <Form.Item
                name={['mailbox', 'password']}
                label={t('password')}
                extra={data.mailbox?.passwordSet ? t('passwordKept') : undefined}
              >
                <Input.Password style={{ width: 240 }} autoComplete="new-password" data-testid="mailbox-password" />
              </Form.Item>
            </Space>
            <Form.Item name="notify" label={t('notify.label')} extra={t('notify.help')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} style={{ maxWidth: 560 }} data-testid="mail-notify" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="site-mail-save">
                {t('save')}
              </Button>
              <Button
                onClick={() => check.mutate()}
                loading={check.isPending}
                disabled={!data.mailbox?.enabled}
                data-testid="mailbox-check"
              >
                {t('mailbox.checkNow')}
              </Button>
            </Space>
          </Form>
        )}
      </QueryState>
    </Card>
  );
}
