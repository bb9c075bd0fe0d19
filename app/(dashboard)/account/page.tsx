'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import { NotifyCard } from './notify-card';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Every role's own account: a new password (which signs out the other sessions) and signing out everywhere. */
export default function AccountPage() {
  const t = useTranslations('auth.account');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        void message.success(t('changed'));
      },
    }),
  );
  const everywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        router.replace('/sign-in');
      },
    }),
  );
  const code = change.error?.data?.code;
  const error =
    code === 'FORBIDDEN' ? t('wrongCurrent') : code === 'TOO_MANY_REQUESTS' ? t('tooMany') : change.error?.message;

  return (
    <Space orientation="vertical" size={24} style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Card title={t('passwordTitle')}>
        <Typography.Paragraph type="secondary">{t('passwordHint')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />
        )}
        <Form<PasswordValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword })}
        >
          <Form.Item name="currentPassword" label={t('current')} rules={[{ required: true, message: t('current') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('new')} rules={[{ required: true, min: 10, message: t('tooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('mismatch') },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('save')}
          </Button>
        </Form>
      </Card>
      <NotifyCard />
      <Card title={t('everywhereTitle')}>
        <Typography.Paragraph type="secondary">{t('everywhereHint')}</Typography.Paragraph>
        <Popconfirm title={t('everywhereConfirm')} onConfirm={() => everywhere.mutate()}>
          <Button danger loading={everywhere.isPending}>
            {t('everywhere')}
          </Button>
        </Popconfirm>
      </Card>
    </Space>
  );
}
