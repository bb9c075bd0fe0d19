'use client';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Steps, Typography, Upload } from 'antd';
import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { useSite } from '@/app/_components/use-site';
import { dataRows, guessMapping, type ColumnUse, type CsvFile } from './csv-mapping';
import { ImportRun } from './import-run';
import { MappingStep } from './mapping-step';

type Step =
  | { at: 'file'; problem?: 'readFailed' | 'noRows' }
  | { at: 'map'; file: CsvFile; uses: ColumnUse[] }
  | { at: 'run'; file: CsvFile; uses: ColumnUse[] };

const STEP_INDEX = { file: 0, map: 1, run: 2 } as const;

export default function ImportCustomersPage() {
  const t = useTranslations('customers');
  const { site, siteId } = useSite();
  const [step, setStep] = useState<Step>({ at: 'file' });

  // Parsed in the browser: a 10,000-row file never crosses the wire as one request.
  const read = (file: File) => {
    Papa.parse<string[]>(file, {
      skipEmptyLines: false,
      complete: (parsed) => {
        const { header, data } = dataRows(parsed.data);
        if (header.length === 0) return setStep({ at: 'file', problem: 'readFailed' });
        if (data.length === 0) return setStep({ at: 'file', problem: 'noRows' });
        const csv = { name: file.name, header, data };
        setStep({ at: 'map', file: csv, uses: guessMapping(header) });
      },
      error: () => setStep({ at: 'file', problem: 'readFailed' }),
    });
    return false;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')} · {site?.name}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Steps
        size="small"
        current={STEP_INDEX[step.at]}
        items={[{ title: t('stepFile') }, { title: t('stepMap') }, { title: t('stepImport') }]}
      />
      {step.at === 'file' && (
        <Card size="small" data-testid="import-file">
          {step.problem && <Alert type="error" showIcon message={t(step.problem)} style={{ marginBottom: 12 }} />}
          <Upload.Dragger accept=".csv,text/csv,text/plain" multiple={false} showUploadList={false} beforeUpload={read}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('drop')}</p>
            <p className="ant-upload-hint">{t('dropHint')}</p>
          </Upload.Dragger>
        </Card>
      )}
      {step.at === 'map' && (
        <MappingStep
          file={step.file}
          uses={step.uses}
          onUses={(uses) => setStep({ ...step, uses })}
          onBack={() => setStep({ at: 'file' })}
          onStart={() => setStep({ at: 'run', file: step.file, uses: step.uses })}
        />
      )}
      {step.at === 'run' && siteId && (
        <ImportRun siteId={siteId} file={step.file} uses={step.uses} onAgain={() => setStep({ at: 'file' })} />
      )}
    </Space>
  );
}
