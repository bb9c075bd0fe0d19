'use client';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';

/**
 * Erasing cannot be undone, so the admin types the visitor id before the button works: a
 * slip of the mouse never removes a person. Afterwards the profile no longer exists, so the
 * screen goes back to the visitors list.
 */
export function ErasePerson({
  siteId,
  visitorId,
  visitorIds,
  listHref,
}: {
  siteId: string;
  visitorId: string;
  visitorIds: string[];
  listHref: string;
}) {
  const t = useTranslations('visitors.erase');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const erase = useMutation(
    trpc.visitor.erase.mutationOptions({
      onSuccess: async (r) => {
        void message.success(t('done', { count: r.visitorIds.length }));
        setOpen(false);
        await queryClient.invalidateQueries();
        router.push(listHref);
      },
    }),
  );
  return (
    <>
      <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)} data-testid="erase-person">
        {t('button')}
      </Button>
      <Modal
        open={open}
        title={t('title')}
        okText={t('confirm')}
        okButtonProps={{
          danger: true,
          disabled: typed.trim() !== visitorId,
          loading: erase.isPending,
          'data-testid': 'erase-confirm',
        }}
        cancelText={t('cancel')}
        onOk={() => erase.mutate({ siteId, visitorId })}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('explain', { count: visitorIds.length })}</Typography.Paragraph>
          <Typography.Text>{t('typeToConfirm')}</Typography.Text>
          <Typography.Text code copyable>
            {visitorId}
          </Typography.Text>
          <Input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={visitorId}
            aria-label={t('typeToConfirm')}
            data-testid="erase-typed"
          />
          {erase.error && <Alert type="error" showIcon title={erase.error.message} />}
        </Space>
      </Modal>
    </>
  );
}
