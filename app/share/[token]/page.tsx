'use client';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Spin } from 'antd';
import { useParams, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import type { ShareRefusal } from '@/server/contract/share-links';

/**
 * Opening a share link: the server checks the token (and password) and sets the share
 * cookie; the shared view then reads the site's analytics with it. No sign-in involved.
 */
export default function OpenShare() {
  const t = useTranslations('analytics.share');
  const trpc = useTRPC();
  const router = useRouter();
  const { token } = useParams<{ token: string }>();
  const [refusal, setRefusal] = useState<ShareRefusal | null>(null);
  const open = useMutation(
    trpc.share.open.mutationOptions({
      onSuccess: (r) => (r.ok ? router.replace(`/shared/${r.siteId}`) : setRefusal(r.reason)),
      onError: (e) => setRefusal(e.message === 'revoked' ? 'revoked' : 'unknown'),
    }),
  );
  const tried = useRef(false);
  useEffect(() => {
    if (tried.current) return;
    tried.current = true;
    open.mutate({ token });
  }, [open, token]);

  const asksPassword = refusal === 'password_needed' || refusal === 'password_wrong';
  return (
    <div style={{ maxWidth: 420, margin: '12vh auto', padding: 16 }}>
      <Card title={t('openTitle')}>
        {!refusal && <Spin data-testid="share-opening" />}
        {refusal && !asksPassword && (
          <Alert type="error" showIcon title={t(`refusal.${refusal}`)} data-testid="share-refused" />
        )}
        {asksPassword && (
          <Form layout="vertical" onFinish={(v: { password: string }) => open.mutate({ token, password: v.password })}>
            {refusal === 'password_wrong' && (
              <Alert type="error" showIcon title={t('refusal.password_wrong')} style={{ marginBottom: 12 }} />
            )}
            <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordNeeded') }]}>
              <Input.Password autoFocus data-testid="share-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={open.isPending}>
              {t('open')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
