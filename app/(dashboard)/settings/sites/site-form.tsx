'use client';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslations } from 'use-intl';

export interface SiteFormValues {
  name: string;
  domains: string[];
  timeZone: string;
  respectDnt: boolean;
}

const TIME_ZONES = Intl.supportedValuesOf('timeZone');

export function SiteForm({
  open,
  initial,
  title,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  initial?: SiteFormValues;
  title: string;
  busy: boolean;
  error?: string;
  onSubmit: (v: SiteFormValues) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('settings.sites');
  const [form] = Form.useForm<SiteFormValues>();
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
      <Form<SiteFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          initial ?? {
            name: '',
            domains: [],
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
            respectDnt: false,
          }
        }
        onFinish={onSubmit}
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="domains"
          label={t('domains')}
          extra={t('domainsHelp')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="shop.example.com" />
        </Form.Item>
        <Form.Item name="timeZone" label={t('timeZone')} rules={[{ required: true }]}>
          <Select showSearch options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
        </Form.Item>
        <Form.Item name="respectDnt" label={t('respectDnt')} valuePropName="checked">
          <Switch />
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
