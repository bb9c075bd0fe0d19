'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { TagSubject } from '@/server/contract/tag-schema';
import { useTRPC } from '@/app/_lib/trpc';

/**
 * The tags of a visitor (their whole person), a lead or a chat as coloured chips: × takes
 * one off, the select adds one. The same piece in the console, the profile, the Live
 * drawer and the leads drawer, so a tag added in one shows in the others.
 */
export function TagChips({
  siteId,
  kind,
  subjectId,
  readOnly = false,
}: {
  siteId: string;
  kind: TagSubject;
  subjectId: string;
  readOnly?: boolean;
}) {
  const t = useTranslations('tags');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  const held = useQuery(trpc.tag.of.queryOptions({ siteId, kind, subjectId }));
  const refresh = () => queryClient.invalidateQueries(trpc.tag.of.pathFilter());
  const onError = (error: { message: string }) => void message.error(error.message);
  const assign = useMutation(trpc.tag.assign.mutationOptions({ onSuccess: refresh, onError }));
  const unassign = useMutation(trpc.tag.unassign.mutationOptions({ onSuccess: refresh, onError }));
  const byId = new Map((tags.data ?? []).map((tag) => [tag.tagId, tag]));
  const mine = (held.data ?? []).flatMap((id) => byId.get(id) ?? []);
  const free = (tags.data ?? []).filter((tag) => !mine.includes(tag));
  return (
    <Space size={[4, 4]} wrap data-testid={`tag-chips-${kind}`}>
      {mine.length === 0 && readOnly && <Typography.Text type="secondary">{t('noneYet')}</Typography.Text>}
      {mine.map((tag) => {
        const id = tag.tagId;
        return (
          <Tooltip key={id} title={tag.description || undefined}>
            <Tag
              color={tag.color}
              closable={!readOnly}
              data-testid="tag-chip"
              onClose={(e) => {
                e.preventDefault();
                unassign.mutate({ siteId, kind, subjectId, tagId: id });
              }}
              style={{ marginInlineEnd: 0 }}
            >
              {tag.name}
            </Tag>
          </Tooltip>
        );
      })}
      {!readOnly && free.length > 0 && (
        <Select
          size="small"
          value={null}
          placeholder={`+ ${t('add')}`}
          style={{ minWidth: 120 }}
          loading={assign.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid={`tag-add-${kind}`}
          options={free.map((tag) => ({ value: tag.tagId, label: tag.name }))}
          onChange={(tagId: string | null) => tagId && assign.mutate({ siteId, kind, subjectId, tagId })}
          popupMatchSelectWidth={false}
        />
      )}
    </Space>
  );
}

/** The site's tag names by id, for list columns and CSV exports. */
export function useTagNames(siteId: string) {
  const trpc = useTRPC();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }, { enabled: siteId !== '' }));
  const byId = new Map((tags.data ?? []).map((tag) => [tag.tagId, tag]));
  return {
    /** Names joined for a CSV cell. */
    text: (ids: readonly string[]) => ids.flatMap((id) => byId.get(id)?.name ?? []).join('; '),
    /** Read-only chips for a table cell. */
    chips: (ids: readonly string[]) => (
      <Space size={[2, 2]} wrap>
        {ids.flatMap((id) => {
          const tag = byId.get(id);
          return tag ? (
            <Tag key={id} color={tag.color} style={{ marginInlineEnd: 0 }}>
              {tag.name}
            </Tag>
          ) : (
            []
          );
        })}
      </Space>
    ),
  };
}
