'use client';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { KbFileFormat } from '@/server/contract/kb';
import { useTRPC } from '@/app/_lib/trpc';

/** Import a CSV or JSON file: every row checked and shown first; a file with any bad row stores nothing. */
export function ImportDialog({
  siteId,
  open,
  onClose,
  onDone,
}: {
  siteId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useTranslations('knowledge');
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ format: KbFileFormat; text: string; name: string } | null>(null);
  const preview = useMutation(trpc.kb.importPreview.mutationOptions());
  const run = useMutation(
    trpc.kb.import.mutationOptions({
      onSuccess: (done) => {
        void message.success(t('imported', done));
        close();
        onDone();
      },
      onError: (error) => void message.error(error.message),
    }),
  );
  const close = () => {
    setFile(null);
    preview.reset();
    onClose();
  };
  const choose = async (picked: File) => {
    const format: KbFileFormat = picked.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    const text = await picked.text();
    setFile({ format, text, name: picked.name });
    preview.mutate({ siteId, format, text });
  };
  const rows = preview.data?.rows ?? [];
  const bad = rows.filter((r) => r.issues.length > 0).length;
  const ready = file && preview.data && !preview.data.fileError && rows.length > 0 && bad === 0;
  return (
    <Modal
      open={open}
      onCancel={close}
      title={t('importTitle')}
      width={860}
      data-testid="kb-import"
      footer={
        <Space>
          <Button onClick={close}>{t('cancel')}</Button>
          <Button
            type="primary"
            disabled={!ready}
            loading={run.isPending}
            onClick={() => file && run.mutate({ siteId, format: file.format, text: file.text })}
            data-testid="kb-import-run"
          >
            {t('importDo', { count: rows.length })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Upload
        accept=".csv,.json,text/csv,application/json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(picked) => {
          void choose(picked);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="kb-import-file">
          {file?.name ?? t('chooseFile')}
        </Button>
      </Upload>
      {preview.error && <Alert type="error" showIcon title={preview.error.message} style={{ marginTop: 12 }} />}
      {preview.data?.fileError && (
        <Alert type="error" showIcon title={preview.data.fileError} style={{ marginTop: 12 }} />
      )}
      {rows.length > 0 && (
        <>
          <Typography.Paragraph
            style={{ marginTop: 12 }}
            type={bad > 0 ? 'danger' : undefined}
            data-testid="kb-import-summary"
          >
            {t('importRows', { count: rows.length, bad })}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="row"
            dataSource={rows}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            scroll={{ x: 640 }}
            data-testid="kb-import-preview"
            columns={[
              { key: 'row', title: t('row'), dataIndex: 'row', width: 60 },
              { key: 'question', title: t('question'), dataIndex: 'question', ellipsis: true },
              { key: 'language', title: t('language'), dataIndex: 'language', width: 90 },
              { key: 'category', title: t('category'), dataIndex: 'category', width: 120, ellipsis: true },
              {
                key: 'issues',
                title: t('issues'),
                render: (_: unknown, r: (typeof rows)[number]) =>
                  r.issues.length === 0 ? (
                    <Tag color="green">{t('ok')}</Tag>
                  ) : (
                    <Space orientation="vertical" size={0}>
                      {r.issues.map((i, n) => (
                        <Typography.Text key={n} type="danger">
                          {i.field}: {i.message}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
