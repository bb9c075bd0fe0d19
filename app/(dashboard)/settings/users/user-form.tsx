'use client';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslations } from 'use-intl';
import type { Role } from '@/server/contract/roles';

export interface UserFormValues {
  email: string;
  name: string;
  role: Role;
  siteIds: string[];
  password?: string;
}

const ROLES: Role[] = ['admin', 'manager', 'marketer', 'agent'];

export function UserForm({
  open,
  initial,
  title,
  busy,
  error,
  sites,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  initial?: UserFormValues;
  title: string;
  busy: boolean;
  error?: string;
  sites: { id: string; name: string }[];
  onSubmit: (v: UserFormValues) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('settings.users');
  const tc = useTranslations('common');
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch('role', form);
  return (
    <Modal
      open={open}
      title={title}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      destroyOnHidden
      forceRender
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial ?? { role: 'marketer', siteIds: [] }}
        onFinish={onSubmit}
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="siteIds" label={t('sites')} extra={role === 'admin' ? t('allSites') : undefined}>
          <Select
            mode="multiple"
            disabled={role === 'admin'}
            options={sites.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          extra={initial ? t('passwordKeep') : undefined}
          rules={[{ required: !initial, min: 10 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
