'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useTranslations } from 'use-intl';
import type { ChatMessage, ChatSummary } from '@/server/contract/channels';
import { useTRPC } from '@/app/_lib/trpc';
import { extractContact } from './lead-extract';

interface LeadValues {
  name: string;
  email: string;
  phone: string;
  note: string;
}

/**
 * "Save as lead": the agent records what the visitor told them, starting from the pre-chat
 * form. The server stamps source 'agent' and the agent as owner. Mount it with key={chatId}
 * so another chat starts from its own fields.
 */
export function LeadCapture({
  siteId,
  chat,
  messages,
}: {
  siteId: string;
  chat: ChatSummary;
  messages: ChatMessage[] | undefined;
}) {
  const t = useTranslations('canned.lead');
  const trpc = useTRPC();
  const [form] = Form.useForm<LeadValues>();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.lead.create.mutationOptions({
      // The save identified the visitor and may have joined another browser's person: the
      // console's name and history, and any open lead list, are stale now.
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.visitor.pathFilter()),
          queryClient.invalidateQueries(trpc.lead.pathFilter()),
        ]),
    }),
  );
  const { name, email, phone } = chat.visitor;
  // What the visitor typed that the form does not already hold: offered, never filled unasked.
  const found = useMemo(() => {
    const got = extractContact((messages ?? []).filter((m) => m.sender === 'visitor').map((m) => m.body));
    return {
      name: got.name !== name ? got.name : '',
      email: got.email.toLowerCase() !== email.toLowerCase() ? got.email : '',
      phone: got.phone !== phone ? got.phone : '',
    };
  }, [messages, name, email, phone]);
  const offered = [found.name, found.email, found.phone].filter(Boolean);
  const withFound = (): LeadValues => {
    const v = form.getFieldsValue();
    return {
      name: found.name || v.name || '',
      email: found.email || v.email || '',
      phone: found.phone || v.phone || '',
      note: v.note ?? '',
    };
  };
  const save = (v: LeadValues) =>
    create.mutate({
      siteId,
      visitorId: chat.visitorId,
      chatId: chat.chatId,
      name: v.name,
      email: v.email,
      phone: v.phone,
      message: v.note,
    });

  if (create.isSuccess) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('saved')}
        data-testid="lead-capture-done"
        description={
          <Link href={`/s/${encodeURIComponent(siteId)}/leads`} data-testid="lead-capture-link">
            {t('openLeads')}
          </Link>
        }
        action={
          <Button size="small" onClick={() => create.reset()}>
            {t('another')}
          </Button>
        }
      />
    );
  }
  return (
    <Form<LeadValues>
      form={form}
      layout="vertical"
      size="small"
      initialValues={{ name, email, phone, note: '' }}
      data-testid="lead-capture"
      onFinish={save}
    >
      <Typography.Title level={5}>{t('title')}</Typography.Title>
      {offered.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('found', { found: offered.join(' · ') })}
          data-testid="lead-found"
          action={
            <Space orientation="vertical" size={4}>
              <Button size="small" onClick={() => form.setFieldsValue(withFound())} data-testid="lead-found-fill">
                {t('foundFill')}
              </Button>
              {(found.email || found.phone || email || phone) && (
                <Button
                  size="small"
                  type="primary"
                  loading={create.isPending}
                  onClick={() => save(withFound())}
                  data-testid="lead-found-save"
                >
                  {t('foundSave')}
                </Button>
              )}
            </Space>
          }
        />
      )}
      <Form.Item name="name" label={t('name')}>
        <Input maxLength={256} data-testid="lead-capture-name" />
      </Form.Item>
      <Form.Item name="email" label={t('email')} rules={[{ type: 'email', message: t('emailInvalid') }]}>
        <Input maxLength={256} data-testid="lead-capture-email" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('phone')}
        dependencies={['email']}
        // A lead nobody can reach is no lead: the same rule as identify (email or phone).
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              value?.trim() || String(getFieldValue('email') ?? '').trim()
                ? Promise.resolve()
                : Promise.reject(new Error(t('needContact'))),
          }),
        ]}
      >
        <Input maxLength={256} data-testid="lead-capture-phone" />
      </Form.Item>
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
          placeholder={t('notePlaceholder')}
          data-testid="lead-capture-note"
        />
      </Form.Item>
      {create.error && (
        <Alert
          type="error"
          showIcon
          title={t('failed')}
          description={create.error.message}
          style={{ marginBottom: 12 }}
          data-testid="lead-capture-error"
        />
      )}
      <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="lead-capture-save">
        {t('save')}
      </Button>
    </Form>
  );
}
