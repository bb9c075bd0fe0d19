'use client';
import { Card, Tabs } from 'antd';
import { useParams, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { useReplaceQuery } from '@/app/_components/use-replace-query';
import { TagManager } from './tag-manager';
import { TagReport } from './tag-report';
import { TagRules } from './tag-rules';

const TABS = ['report', 'tags', 'rules'] as const;

/** Tags: the report per tag, the tags themselves and their automatic rules; the tab lives in the URL. */
export default function TagsPage() {
  return (
    <Suspense>
      <TagsTabs />
    </Suspense>
  );
}

function TagsTabs() {
  const t = useTranslations('tags');
  const { siteId } = useParams<{ siteId: string }>();
  const params = useSearchParams();
  const replaceQuery = useReplaceQuery();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'report';
  return (
    <Card title={t('title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => replaceQuery({ tab: key })}
        items={[
          { key: 'report', label: t('tabReport'), children: <TagReport siteId={siteId} /> },
          { key: 'tags', label: t('tabTags'), children: <TagManager siteId={siteId} /> },
          { key: 'rules', label: t('tabRules'), children: <TagRules siteId={siteId} /> },
        ]}
      />
    </Card>
  );
}
