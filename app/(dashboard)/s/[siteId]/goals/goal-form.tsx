'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Goal = RouterOutputs['goals']['list'][number];
interface Values {
  name: string;
  kind: 'page' | 'event';
  pattern?: string;
  eventName?: string;
  propKey?: string;
  propValue?: string;
}

/** Create (goal undefined) or edit a goal: a page pattern or a custom event with an optional prop value. */
export function GoalForm({
  siteId,
  goal,
  open,
  onClose,
}: {
  siteId: string;
  goal?: Goal;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations('goals.goals');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!open) return;
    const d = goal?.definition;
    form.setFieldsValue(
      d?.kind === 'event'
        ? { name: goal?.name, kind: 'event', eventName: d.eventName, propKey: d.propKey, propValue: d.propValue }
        : { name: goal?.name ?? '', kind: 'page', pattern: d?.kind === 'page' ? d.pattern : '' },
    );
  }, [open, goal, form]);
  const save = useMutation(
    trpc.goals.save.mutationOptions({
      onSuccess: async () => {
        void message.success(t('saved'));
        onClose();
        await queryClient.invalidateQueries(trpc.goals.pathFilter());
        await queryClient.invalidateQueries(trpc.funnels.pathFilter());
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const submit = (v: Values) =>
    save.mutate({
      siteId,
      goalId: goal?.goalId,
      name: v.name,
      definition:
        v.kind === 'page'
          ? { kind: 'page', pattern: v.pattern ?? '' }
          : { kind: 'event', eventName: v.eventName ?? '', propKey: v.propKey ?? '', propValue: v.propValue ?? '' },
    });
  return (
    <Modal
      open={open}
      title={goal ? t('edit') : t('new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="goal-form">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'page', label: t('kindPage') },
              { value: 'event', label: t('kindEvent') },
            ]}
          />
        </Form.Item>
        {kind === 'event' ? (
          <>
            <Form.Item name="eventName" label={t('eventName')} rules={[{ required: true, max: 128 }]}>
              <Input maxLength={128} />
            </Form.Item>
            <Form.Item name="propKey" label={t('propKey')} rules={[{ max: 64 }]}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="propValue" label={t('propValue')} rules={[{ max: 256 }]}>
              <Input maxLength={256} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="pattern"
            label={t('pattern')}
            extra={t('patternHint')}
            rules={[{ required: true, max: 256 }]}
          >
            <Input maxLength={256} placeholder="/pricing" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
