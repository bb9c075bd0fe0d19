'use client';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTRPC } from '@/app/_lib/trpc';
import { useLastSite } from './use-last-site';

/**
 * A Settings screen that configures one site at a time (API keys, mailboxes): the sites, the
 * one shown (chosen here, else the last one the navigation was about) and the picker.
 */
export function useSettingsSite(label: string, testId: string) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions());
  const lastSite = useLastSite(
    undefined,
    sites.data?.map((s) => s.id),
  );
  const [chosen, setChosen] = useState<string>();
  const siteId = chosen ?? lastSite;
  const picker = (
    <Space wrap>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Select
        style={{ minWidth: 200 }}
        value={siteId}
        onChange={setChosen}
        loading={sites.isPending}
        options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        data-testid={testId}
      />
    </Space>
  );
  return { sites, siteId, picker };
}
