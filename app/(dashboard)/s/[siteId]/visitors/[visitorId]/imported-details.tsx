'use client';
import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import type { RouterOutputs } from '@/app/_lib/trpc';

type Imported = NonNullable<RouterOutputs['visitor']['byId']['imported']>;

/** What the company's customer list said about this person: its id, tags and custom fields. */
export function ImportedDetails({ imported, timeZone }: { imported: Imported; timeZone: string }) {
  const t = useTranslations('customers');
  const fmt = useFormat(timeZone);
  const tags = imported.tags
    .split(/[,，;；|]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <Card size="small" title={t('profile.title')} style={{ marginTop: 16 }} data-testid="imported-details">
      <Descriptions column={1} size="small">
        {imported.externalId && (
          <Descriptions.Item label={t('profile.externalId')}>{imported.externalId}</Descriptions.Item>
        )}
        {tags.length > 0 && (
          <Descriptions.Item label={t('profile.tags')}>
            <Space size={2} wrap>
              {tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {imported.fields.map(([name, value]) => (
          <Descriptions.Item key={name} label={name}>
            {value || '—'}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('profile.importedAt')}>{fmt.dateTime(imported.importedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
