'use client';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { useLocale } from '@/app/_i18n/locale-provider';
import type { Locale } from '@/app/_i18n/messages';
import { useTRPC } from '@/app/_lib/trpc';

function SignInForm() {
  const t = useTranslations('auth');
  const trpc = useTRPC();
  const router = useRouter();
  const next = useSearchParams().get('next');
  const { locale, setLocale } = useLocale();
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      // Only same-site paths: an open redirect would let a link bounce users elsewhere.
      onSuccess: () => router.replace(next?.startsWith('/') && !next.startsWith('//') ? next : '/'),
    }),
  );
  const code = signIn.error?.data?.code;
  const error =
    code === 'UNAUTHORIZED' ? t('wrong') : code === 'TOO_MANY_REQUESTS' ? t('tooMany') : signIn.error?.message;
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(135deg,#eef2ff,#f8fafc)',
      }}
    >
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Segmented<Locale>
            size="small"
            value={locale}
            options={[
              { value: 'en', label: 'EN' },
              { value: 'zh', label: '中文' },
            ]}
            onChange={setLocale}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { email: string; password: string }) => signIn.mutate(v)}
          requiredMark={false}
        >
          <Form.Item name="email" label={t('email')} rules={[{ required: true, type: 'email' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t('submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('firstRun')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
