'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio, Switch, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { WECHAT_MODES, type SaveWechatInput } from '@/server/contract/chat-channels';

/** A site's WeChat Official Account: the server URL to give WeChat and the account's developer settings. */
export function WechatCard({ siteId }: { siteId: string }) {
  const t = useTranslations('channels');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const channels = useQuery(trpc.channel.list.queryOptions({ siteId }));
  const save = useMutation(
    trpc.channel.saveWechat.mutationOptions({
      onSuccess: async () => {
        void message.success(t('wechat.saved'));
        await queryClient.invalidateQueries(trpc.channel.list.queryFilter());
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const serverUrl = typeof window === 'undefined' ? '' : `${window.location.origin}/wechat/${siteId}`;
  return (
    <Card title={t('wechat.title')} data-testid="wechat-card">
      <Typography.Paragraph type="secondary">{t('wechat.help')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('wechat.serverUrl')}:{' '}
        <Typography.Text code copyable data-testid="wechat-server-url">
          {serverUrl}
        </Typography.Text>
      </Typography.Paragraph>
      <QueryState query={channels} isEmpty={() => false}>
        {(rows) => {
          const stored = rows.find((c) => c.kind === 'wechat');
          return (
            <Form<SaveWechatInput>
              key={`${siteId}-${stored?.channelId ?? 'new'}`}
              layout="vertical"
              style={{ maxWidth: 560 }}
              initialValues={{
                appId: stored?.wechat.appId ?? '',
                appSecret: '',
                token: stored?.wechat.token ?? '',
                aesKey: '',
                mode: stored?.wechat.mode ?? 'plain',
                enabled: stored?.enabled ?? true,
              }}
              onFinish={(v) => save.mutate({ siteId, ...v })}
            >
              <Form.Item name="enabled" label={t('wechat.enabled')} valuePropName="checked">
                <Switch data-testid="wechat-enabled" />
              </Form.Item>
              <Form.Item name="appId" label={t('wechat.appId')} rules={[{ required: true }]}>
                <Input placeholder="wx…" data-testid="wechat-app-id" />
              </Form.Item>
              <Form.Item
                name="appSecret"
                label={t('wechat.appSecret')}
                extra={stored?.wechat.hasSecret ? t('wechat.secretKept') : undefined}
              >
                <Input.Password autoComplete="new-password" data-testid="wechat-app-secret" />
              </Form.Item>
              <Form.Item name="token" label={t('wechat.token')} rules={[{ required: true }]}>
                <Input data-testid="wechat-token" />
              </Form.Item>
              <Form.Item
                name="aesKey"
                label={t('wechat.aesKey')}
                extra={stored?.wechat.hasAesKey ? t('wechat.secretKept') : undefined}
              >
                <Input.Password autoComplete="off" data-testid="wechat-aes-key" />
              </Form.Item>
              <Form.Item name="mode" label={t('wechat.mode')}>
                <Radio.Group options={WECHAT_MODES.map((m) => ({ value: m, label: t(`wechat.${m}`) }))} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="wechat-save">
                {t('wechat.save')}
              </Button>
            </Form>
          );
        }}
      </QueryState>
    </Card>
  );
}
