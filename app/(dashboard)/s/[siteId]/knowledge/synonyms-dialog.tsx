'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Input, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';

const toText = (groups: string[][]) => groups.map((g) => g.join(', ')).join('\n');
const toGroups = (text: string) =>
  text
    .split('\n')
    .map((line) =>
      line
        .split(/[,，、]/)
        .map((term) => term.trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);

/** A site's synonym groups as text: one group per line, terms separated by commas. */
export function SynonymsDialog({ siteId, open, onClose }: { siteId: string; open: boolean; onClose: () => void }) {
  const t = useTranslations('knowledge');
  const trpc = useTRPC();
  const { message } = App.useApp();
  const synonyms = useQuery({ ...trpc.kb.synonyms.queryOptions({ siteId }), enabled: open });
  const [text, setText] = useState('');
  useEffect(() => {
    if (open && synonyms.data) setText(toText(synonyms.data));
  }, [open, synonyms.data]);
  const save = useMutation(
    trpc.kb.saveSynonyms.mutationOptions({
      onSuccess: (groups) => {
        void message.success(t('synonymsSaved', { count: groups.length }));
        void synonyms.refetch();
        onClose();
      },
      onError: (error) => void message.error(t('failed', { reason: error.message })),
    }),
  );
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('synonymsTitle')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => save.mutate({ siteId, groups: toGroups(text) })}
      data-testid="kb-synonyms"
    >
      <Typography.Paragraph type="secondary">{t('synonymsHint')}</Typography.Paragraph>
      {synonyms.isPending ? (
        <Skeleton active />
      ) : (
        <Input.TextArea
          rows={10}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="kb-synonyms-text"
        />
      )}
    </Modal>
  );
}
