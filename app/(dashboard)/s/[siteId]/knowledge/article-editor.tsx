'use client';
import { AutoComplete, Button, Drawer, Form, Input, Segmented, Select, Space, Switch, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { KB_LANGUAGES, type KbArticle, type KbArticleInput, type KbLanguage } from '@/server/contract/kb';
import { ArticleHistory } from './article-history';
import { MarkdownView } from './markdown-view';

interface FormValues {
  question: string;
  alternates: string[];
  answer: string;
  category: string;
  language: KbLanguage;
  selfServiceUrl: string;
  enabled: boolean;
}

/** What the editor opens on: an article, or a new one (maybe prefilled from ?new=). */
export type Editing = { article: KbArticle } | { question: string } | null;

const HAN = /\p{Script=Han}/u;

function toValues(editing: Exclude<Editing, null>): FormValues {
  if ('article' in editing) {
    const { question, alternates, answer, category, language, selfServiceUrl, enabled } = editing.article;
    return { question, alternates, answer, category, language, selfServiceUrl, enabled };
  }
  const language = HAN.test(editing.question) ? 'zh' : 'en';
  return {
    question: editing.question,
    alternates: [],
    answer: '',
    category: '',
    language,
    selfServiceUrl: '',
    enabled: true,
  };
}

/** Create or edit an article: Markdown answer with preview; the history of an existing one. */
export function ArticleEditor({
  siteId,
  editing,
  categories,
  saving,
  onSave,
  onClose,
}: {
  siteId: string;
  editing: Editing;
  categories: string[];
  saving: boolean;
  onSave: (article: KbArticleInput, articleId?: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations('knowledge');
  const [form] = Form.useForm<FormValues>();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const answer = Form.useWatch('answer', form) ?? '';
  const articleId = editing && 'article' in editing ? editing.article.articleId : undefined;

  useEffect(() => {
    if (!editing) return;
    form.setFieldsValue(toValues(editing));
    setTab('write');
  }, [editing, form]);

  const submit = (v: FormValues) => onSave({ ...v, alternates: v.alternates.filter((a) => a.trim()) }, articleId);
  const editor = (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="kb-editor">
      <Form.Item
        name="question"
        label={t('question')}
        rules={[{ required: true, whitespace: true, message: t('required') }]}
      >
        <Input maxLength={500} data-testid="kb-question" />
      </Form.Item>
      <Form.Item name="alternates" label={t('alternates')} extra={t('alternatesHint')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['\n']} data-testid="kb-alternates" />
      </Form.Item>
      <Form.Item label={t('answer')} required extra={t('answerHint')}>
        <Segmented
          size="small"
          value={tab}
          onChange={(v) => setTab(v as 'write' | 'preview')}
          options={[
            { value: 'write', label: t('write') },
            { value: 'preview', label: t('preview') },
          ]}
          style={{ marginBottom: 8 }}
        />
        <Form.Item name="answer" noStyle rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input.TextArea rows={8} maxLength={20_000} hidden={tab !== 'write'} data-testid="kb-answer" />
        </Form.Item>
        {tab === 'preview' && (
          <div style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6, padding: '4px 12px', minHeight: 120 }}>
            <MarkdownView text={answer} />
          </div>
        )}
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item name="category" label={t('category')}>
          <AutoComplete
            style={{ width: 200 }}
            options={categories.map((c) => ({ value: c }))}
            filterOption={(input, option) => (option?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            data-testid="kb-category"
          />
        </Form.Item>
        <Form.Item name="language" label={t('language')}>
          <Segmented options={KB_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
        </Form.Item>
        <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item
        name="selfServiceUrl"
        label={t('selfServiceUrl')}
        extra={t('selfServiceHint')}
        rules={[{ pattern: /^(https?:\/\/\S+)?$/i, message: t('badUrl') }]}
      >
        <Input maxLength={2000} placeholder="https://" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="kb-save">
          {t('save')}
        </Button>
        <Button onClick={onClose}>{t('cancel')}</Button>
      </Space>
    </Form>
  );
  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      title={articleId ? t('edit') : t('new')}
      size={640}
      forceRender
      data-testid="kb-drawer"
    >
      {articleId ? (
        <Tabs
          items={[
            { key: 'edit', label: t('edit'), children: editor },
            { key: 'history', label: t('history'), children: <ArticleHistory siteId={siteId} articleId={articleId} /> },
          ]}
        />
      ) : (
        editor
      )}
    </Drawer>
  );
}
