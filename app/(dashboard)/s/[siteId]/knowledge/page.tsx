'use client';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { useParams, usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { KB_LANGUAGES, type KbArticle, type KbFileFormat, type KbLanguage } from '@/server/contract/kb';
import { DataTable } from '@/app/_components/data-table';
import { enabledColumn } from '@/app/_components/enabled-column';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC } from '@/app/_lib/trpc';
import { ArticleEditor, type Editing } from './article-editor';
import { ImportDialog } from './import-dialog';
import { SynonymsDialog } from './synonyms-dialog';

type Row = KbArticle & { confidence: number | null };

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function download(filename: string, text: string, type: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(type.startsWith('text/csv') ? ['\ufeff', text] : [text], { type }));
  a.download = filename;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** A site's knowledge base: search it as the robot does, filter, edit, import and export. */
export default function KnowledgePage() {
  const t = useTranslations('knowledge');
  const { siteId } = useParams<{ siteId: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const format = useFormat();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [language, setLanguage] = useState<KbLanguage | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [synonyms, setSynonyms] = useState(false);
  const searched = useDebounced(query.trim(), 250);

  // ?new=<question> (the robot's unanswered questions link here): open a new article with it.
  const asked = params.get('new');
  useEffect(() => {
    if (asked === null) return;
    setEditing({ question: asked });
    router.replace(pathname);
  }, [asked, pathname, router]);

  const list = useQuery(trpc.kb.list.queryOptions({ siteId }));
  const search = useQuery({
    ...trpc.kb.search.queryOptions({ siteId, query: searched, language: language ?? undefined }),
    enabled: searched !== '',
  });
  const refresh = () => Promise.all([list.refetch(), queryClient.invalidateQueries(trpc.kb.search.queryFilter())]);
  const failed = (error: { message: string }) => void message.error(t('failed', { reason: error.message }));
  const save = useMutation(
    trpc.kb.save.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        void message.success(t('saved'));
        await refresh();
      },
      onError: failed,
    }),
  );
  const toggle = useMutation(trpc.kb.setEnabled.mutationOptions({ onSuccess: () => refresh(), onError: failed }));

  const categories = useMemo(
    () => [...new Set((list.data ?? []).map((a) => a.category).filter(Boolean))].sort(),
    [list.data],
  );
  const searching = searched !== '' && search.data?.ready === true;
  const rows = useMemo((): Row[] => {
    const all = list.data ?? [];
    const keep = (a: KbArticle) => (!category || a.category === category) && (!language || a.language === language);
    if (!searching || !search.data) return all.filter(keep).map((a) => ({ ...a, confidence: null }));
    const byId = new Map(all.map((a) => [a.articleId, a]));
    return search.data.hits.flatMap((h) => {
      const a = byId.get(h.articleId);
      return a && keep(a) ? [{ ...a, confidence: h.confidence }] : [];
    });
  }, [list.data, search.data, searching, category, language]);

  const exportAs = async (kind: KbFileFormat) => {
    const text = await queryClient.fetchQuery(trpc.kb.export.queryOptions({ siteId, format: kind }));
    download(`knowledge-${siteId}.${kind}`, text, kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
  };

  return (
    <Card title={t('title')}>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {/* In the body, not the card's header: on a phone the header has no room beside the title. */}
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => setSynonyms(true)} data-testid="kb-synonyms-open">
          {t('synonyms')}
        </Button>
        <Button onClick={() => setImporting(true)} data-testid="kb-import-open">
          {t('import')}
        </Button>
        <Dropdown
          menu={{
            items: KB_FILE_MENU,
            onClick: ({ key }) => void exportAs(key as KbFileFormat).catch(failed),
          }}
        >
          <Button data-testid="kb-export">
            {t('export')} <DownOutlined />
          </Button>
        </Dropdown>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ question: '' })}
          data-testid="kb-new"
        >
          {t('new')}
        </Button>
      </Space>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
          loading={search.isFetching}
          data-testid="kb-search"
        />
        <Select
          allowClear
          placeholder={t('allCategories')}
          value={category}
          onChange={(v) => setCategory(v ?? null)}
          options={categories.map((c) => ({ value: c, label: c }))}
          style={{ minWidth: 160 }}
          data-testid="kb-category-filter"
        />
        <Select
          allowClear
          placeholder={t('allLanguages')}
          value={language}
          onChange={(v) => setLanguage(v ?? null)}
          options={KB_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          style={{ minWidth: 140 }}
          data-testid="kb-language-filter"
        />
      </div>
      {searched !== '' && search.data?.ready === false && (
        <Alert type="info" showIcon title={t('searchNotReady')} style={{ marginBottom: 12 }} />
      )}
      <QueryState query={list}>
        {(all) =>
          all.length === 0 ? (
            <Empty
              data-state="empty"
              description={
                <>
                  <div>{t('empty')}</div>
                  <Typography.Text type="secondary">{t('emptyHint')}</Typography.Text>
                </>
              }
            />
          ) : rows.length === 0 ? (
            <Empty data-state="empty" description={t('noMatch')} />
          ) : (
            // Wider than a phone: the table scrolls sideways inside the card.
            <div style={{ overflowX: 'auto' }}>
              <DataTable<Row>
                rows={rows}
                rowKey={(r) => r.articleId}
                filename="knowledge-base"
                testId="kb-table"
                columns={[
                  enabledColumn<Row>(t('enabled'), (r, on) =>
                    toggle.mutate({ siteId, articleId: r.articleId, enabled: on }),
                  ),
                  {
                    key: 'question',
                    title: t('question'),
                    csvTitle: 'question',
                    value: (r) => r.question,
                    render: (r) => (
                      <Space orientation="vertical" size={0}>
                        <a onClick={() => setEditing({ article: r })} data-testid="kb-row-question">
                          {r.question}
                        </a>
                        {r.alternates.length > 0 && (
                          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
                            {r.alternates.join(' · ')}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                  { key: 'category', title: t('category'), csvTitle: 'category', value: (r) => r.category },
                  {
                    key: 'language',
                    title: t('language'),
                    csvTitle: 'language',
                    value: (r) => r.language,
                    render: (r) => <Tag>{t(`languages.${r.language}`)}</Tag>,
                  },
                  ...(searching
                    ? [
                        {
                          key: 'match',
                          title: t('match'),
                          csvTitle: 'match',
                          align: 'right' as const,
                          value: (r: Row) => Math.round((r.confidence ?? 0) * 100),
                          render: (r: Row) => `${Math.round((r.confidence ?? 0) * 100)}%`,
                        },
                      ]
                    : []),
                  {
                    key: 'edited',
                    title: t('edited'),
                    csvTitle: 'edited',
                    value: (r) => r.editedAt,
                    render: (r) => (
                      <Typography.Text type="secondary">
                        {format.dateTime(r.editedAt)} · v{r.version}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            </div>
          )
        }
      </QueryState>
      <ArticleEditor
        siteId={siteId}
        editing={editing}
        categories={categories}
        saving={save.isPending}
        onSave={(article, articleId) => save.mutate({ siteId, articleId, article })}
        onClose={() => setEditing(null)}
      />
      <ImportDialog
        siteId={siteId}
        open={importing}
        onClose={() => setImporting(false)}
        onDone={() => void refresh()}
      />
      <SynonymsDialog siteId={siteId} open={synonyms} onClose={() => setSynonyms(false)} />
    </Card>
  );
}

const KB_FILE_MENU = [
  { key: 'csv', label: 'CSV' },
  { key: 'json', label: 'JSON' },
];
