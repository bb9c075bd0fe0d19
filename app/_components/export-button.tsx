'use client';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { ExportProgress } from './fetch-all-rows';

/** "Export CSV" that shows its progress ("Exporting 40%") while `run` fetches and writes. */
export function ExportButton({
  disabled,
  run,
}: {
  disabled: boolean;
  run: (progress: ExportProgress) => Promise<void>;
}) {
  const t = useTranslations('common');
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  const start = async () => {
    setPercent(0);
    try {
      await run((done, total) => setPercent(total > 0 ? Math.floor((done / total) * 100) : 100));
    } catch {
      void message.error(t('exportFailed'));
    } finally {
      setPercent(null);
    }
  };
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      loading={percent !== null}
      disabled={disabled}
      onClick={() => void start()}
      data-testid="export-csv"
    >
      {percent === null ? t('exportCsv') : t('exporting', { percent })}
    </Button>
  );
}
