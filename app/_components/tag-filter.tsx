'use client';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';

type Key = 'tag' | 'notTag';

/**
 * Include / exclude tags for every report and list: the URL keeps them as comma-separated
 * tag ids (?tag=tg_a,tg_b&notTag=tg_c), as the report input reads them.
 */
export function TagFilter({
  siteId,
  include,
  exclude,
  onChange,
}: {
  siteId: string;
  include: string | undefined;
  exclude: string | undefined;
  onChange: (key: Key, value: string | undefined) => void;
}) {
  const t = useTranslations('tags');
  const trpc = useTRPC();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  if (!tags.data?.length) return null;
  const byId = new Map(tags.data.map((tag) => [tag.tagId, tag]));
  const select = (key: Key, value: string | undefined, label: string) => (
    <Select
      mode="multiple"
      size="middle"
      allowClear
      placeholder={label}
      aria-label={label}
      data-testid={`filter-${key}`}
      style={{ minWidth: 150, maxWidth: 320 }}
      value={(value ?? '').split(',').filter((id) => byId.has(id))}
      options={tags.data.map((tag) => ({ value: tag.tagId, label: tag.name }))}
      tagRender={({ value: id, closable, onClose }) => {
        const tag = byId.get(String(id));
        return (
          <Tag color={tag?.color} closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
            {key === 'notTag' ? '≠ ' : ''}
            {tag?.name ?? String(id)}
          </Tag>
        );
      }}
      onChange={(ids: string[]) => onChange(key, ids.length ? ids.join(',') : undefined)}
    />
  );
  return (
    <>
      {select('tag', include, t('filterInclude'))}
      {select('notTag', exclude, t('filterExclude'))}
    </>
  );
}
