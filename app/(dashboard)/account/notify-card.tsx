'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Radio, Select, Space, Switch, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useLocale } from '@/app/_i18n/locale-provider';
import { useMe } from '@/app/_components/use-site';
import { useTRPC } from '@/app/_lib/trpc';
import type { NotifyPrefs } from '@/server/contract/notify';

/** Account → Alerts and reports: the user's own alert mail, scheduled report (sites, frequency) and a test report. */
export function NotifyCard() {
  const t = useTranslations('notify.account');
  const trpc = useTRPC();
  const { message } = App.useApp();
  const { locale } = useLocale();
  const me = useMe();
  const [form] = Form.useForm<NotifyPrefs>();
  const prefs = useQuery(trpc.notify.prefs.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions());
  const [testSite, setTestSite] = useState<string>();
  const save = useMutation(
    trpc.notify.savePrefs.mutationOptions({ onSuccess: () => void message.success(t('saved')) }),
  );
  const test = useMutation(
    trpc.notify.testReport.mutationOptions({
      onSuccess: () => void message.success(t('testSent', { email: me.data?.email ?? '' })),
    }),
  );
  useEffect(() => {
    if (prefs.data) form.setFieldsValue(prefs.data.prefs);
  }, [prefs.data, form]);
  const reports = prefs.data?.reports ?? false;
  const options = (sites.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  const caps = new Set(me.data?.capabilities ?? []);

  return (
    <Card title={t('title')} data-testid="notify-card">
      <Form<NotifyPrefs>
        form={form}
        layout="vertical"
        disabled={prefs.isPending}
        initialValues={{ emailAlerts: false, report: 'off', reportSites: [], language: locale }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="emailAlerts" label={t('emailAlerts')} valuePropName="checked" extra={t('emailAlertsHint')}>
          <Switch data-testid="email-alerts" />
        </Form.Item>
        {reports && (
          <>
            <Form.Item name="report" label={t('report')} extra={t('reportHint')}>
              <Radio.Group
                options={[
                  { value: 'off', label: t('off') },
                  { value: 'daily', label: t('daily') },
                  { value: 'weekly', label: t('weekly') },
                ]}
              />
            </Form.Item>
            <Form.Item name="reportSites" label={t('sites')}>
              <Select mode="multiple" options={options} data-testid="report-sites" />
            </Form.Item>
          </>
        )}
        <Form.Item name="language" label={t('language')}>
          <Radio.Group
            options={[
              { value: 'en', label: 'English' },
              { value: 'zh', label: '中文' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="notify-save">
          {t('save')}
        </Button>
      </Form>
      {reports && (
        <Space wrap style={{ marginTop: 16 }}>
          <Select
            style={{ minWidth: 200 }}
            value={testSite ?? options[0]?.value}
            onChange={setTestSite}
            options={options}
          />
          <Button
            onClick={() => {
              const siteId = testSite ?? options[0]?.value;
              if (siteId) test.mutate({ siteId });
            }}
            loading={test.isPending}
            data-testid="test-report"
          >
            {t('test')}
          </Button>
        </Space>
      )}
      {caps.has('rules:manage') && (
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link href="/settings/alerts">{t('alertSettings')}</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}
