'use client';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import { sendToHub } from '@/app/_lib/realtime';
import type { AgentPresence, ChatSummary } from '@/server/contract/channels';
import { TEAM_LIMITS } from '@/server/contract/team-messages';

const newMessageId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** The site's groups, as the console names them (queue tags, transfer targets). */
export function useGroups(siteId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.group.list.queryOptions({ siteId })).data?.groups ?? [];
}

interface TransferValues {
  kind: 'agent' | 'group';
  userId?: string;
  groupId?: string;
  note?: string;
}

/**
 * Transfer (the chat's agent, or a supervisor), and for managers and admins Join and
 * Whisper. The server checks the same rules; these only keep useless buttons away.
 */
export function TeamActions({
  siteId,
  chat,
  me,
  agents,
  supervises,
}: {
  siteId: string;
  chat: ChatSummary;
  me: AgentPresence | null;
  agents: AgentPresence[];
  supervises: boolean;
}) {
  const t = useTranslations('teams');
  const { message } = App.useApp();
  const groups = useGroups(siteId);
  const [open, setOpen] = useState<'transfer' | 'whisper' | null>(null);
  const [transferForm] = Form.useForm<TransferValues>();
  const [whisperForm] = Form.useForm<{ body: string }>();
  const kind = Form.useWatch('kind', transferForm) ?? 'agent';
  const mine = me !== null && chat.agentId === me.userId;
  const send = (m: Parameters<typeof sendToHub>[1]) => {
    if (!sendToHub(siteId, m)) return void message.error(t('notSent'));
    setOpen(null);
  };
  const people = agents.filter((a) => a.userId !== chat.agentId && a.status === 'online' && a.takesChats);
  return (
    <>
      {(mine || supervises) && (
        <Button size="small" data-testid="chat-transfer" onClick={() => setOpen('transfer')}>
          {t('transfer')}
        </Button>
      )}
      {supervises && !mine && chat.status === 'open' && (
        <Button size="small" data-testid="chat-join" onClick={() => send({ type: 'chat.join', chatId: chat.chatId })}>
          {t('join')}
        </Button>
      )}
      {supervises && (
        <Button size="small" data-testid="chat-whisper" onClick={() => setOpen('whisper')}>
          {t('whisper')}
        </Button>
      )}
      <Modal
        open={open === 'transfer'}
        title={t('transferTitle')}
        okText={t('transfer')}
        okButtonProps={{ 'data-testid': 'transfer-send' }}
        onCancel={() => setOpen(null)}
        onOk={() => transferForm.submit()}
        destroyOnHidden
      >
        <Form<TransferValues>
          form={transferForm}
          layout="vertical"
          initialValues={{ kind: 'agent' }}
          onFinish={(v) => {
            const note = v.note?.trim() ? { note: v.note.trim() } : {};
            if (v.kind === 'agent' && v.userId)
              send({ type: 'chat.transfer', chatId: chat.chatId, to: { kind: 'agent', userId: v.userId }, ...note });
            if (v.kind === 'group' && v.groupId)
              send({ type: 'chat.transfer', chatId: chat.chatId, to: { kind: 'group', groupId: v.groupId }, ...note });
          }}
        >
          <Form.Item name="kind">
            <Radio.Group
              data-testid="transfer-kind"
              options={[
                { value: 'agent', label: t('toPerson') },
                { value: 'group', label: t('toGroup') },
              ]}
            />
          </Form.Item>
          {kind === 'agent' ? (
            <Form.Item name="userId" label={t('person')} rules={[{ required: true }]}>
              <Select data-testid="transfer-person" options={people.map((a) => ({ value: a.userId, label: a.name }))} />
            </Form.Item>
          ) : (
            <Form.Item name="groupId" label={t('group')} rules={[{ required: true }]}>
              <Select data-testid="transfer-group" options={groups.map((g) => ({ value: g.groupId, label: g.name }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea maxLength={TEAM_LIMITS.note} autoSize={{ minRows: 2 }} data-testid="transfer-note" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open === 'whisper'}
        title={t('whisperTitle')}
        okText={t('whisper')}
        okButtonProps={{ 'data-testid': 'whisper-send' }}
        onCancel={() => setOpen(null)}
        onOk={() => whisperForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('whisperHint')}</Typography.Paragraph>
        <Form
          form={whisperForm}
          onFinish={(v) =>
            send({ type: 'chat.whisper', chatId: chat.chatId, messageId: newMessageId(), body: v.body.trim() })
          }
        >
          <Form.Item name="body" rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea maxLength={TEAM_LIMITS.whisper} autoSize={{ minRows: 2 }} data-testid="whisper-body" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
