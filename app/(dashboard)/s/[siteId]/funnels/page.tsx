'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, InputNumber, Popconfirm, Segmented, Select, Space, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { ReportHeader } from '@/app/_components/report-header';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { STEP_KINDS } from '@/server/contract/funnel-steps';
import {
  CONSULT_TO_ORDER_PRESET,
  funnelDefinition,
  type FunnelDefinitionInput,
  type WindowMode,
} from '@/server/contract/funnels';
import { FunnelResult } from './funnel-result';
import { FunnelStepsEditor, type DraftStep } from './funnel-steps-editor';

type Saved = RouterOutputs['funnels']['list'][number];
interface Draft {
  funnelId?: string;
  name: string;
  windowMode: WindowMode;
  windowDays: number;
  steps: DraftStep[];
}

const EMPTY: Draft = {
  name: '',
  windowMode: 'session',
  windowDays: 7,
  steps: [
    { kind: 'page', config: {} },
    { kind: 'page', config: {} },
  ],
};
const asDraft = (d: FunnelDefinitionInput, name = '', funnelId?: string): Draft => ({
  funnelId,
  name,
  windowMode: d.windowMode,
  windowDays: d.windowDays ?? 7,
  steps: d.steps.map((s) => ({
    kind: s.kind,
    config: Object.fromEntries(Object.entries(s.config ?? {}).map(([k, v]) => [k, String(v)])),
  })),
});

function Funnels() {
  const t = useTranslations('goals.funnels');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { siteId = '' } = useSite();
  const saved = useQuery(trpc.funnels.list.queryOptions({ siteId }));
  const goals = useQuery(trpc.goals.list.queryOptions({ siteId }));
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [shown, setShown] = useState<{ definition: FunnelDefinitionInput; labels: string[] } | null>(null);
  const parsed = funnelDefinition.safeParse({
    windowMode: draft.windowMode,
    windowDays: draft.windowDays,
    steps: draft.steps,
  });
  const labelOf = (s: DraftStep) => {
    const kind = t(`kinds.${STEP_KINDS[s.kind].label}`);
    const detail =
      s.kind === 'goal'
        ? goals.data?.find((g) => g.goalId === s.config['goalId'])?.name
        : (s.config['pattern'] ?? s.config['eventName']);
    return detail ? `${kind}: ${detail}` : kind;
  };
  const show = (d: Draft) => {
    const p = funnelDefinition.safeParse({ windowMode: d.windowMode, windowDays: d.windowDays, steps: d.steps });
    if (!p.success) return void message.warning(t('needSteps'));
    setShown({ definition: p.data, labels: d.steps.map(labelOf) });
  };
  const open = (d: Draft) => {
    setDraft(d);
    show(d);
  };
  // A first look shows a funnel, not an empty builder: the first saved one, once, unless the
  // user has started a draft meanwhile.
  const autoOpened = useRef(false);
  const first = saved.data?.[0];
  useEffect(() => {
    if (autoOpened.current || !first || !goals.data) return;
    autoOpened.current = true;
    if (draft === EMPTY) open(asDraft(first.definition, first.name, first.funnelId));
  }, [first, goals.data, draft, open]);
  const after = async (text: string) => {
    void message.success(text);
    await queryClient.invalidateQueries(trpc.funnels.pathFilter());
  };
  const save = useMutation(
    trpc.funnels.save.mutationOptions({
      onSuccess: async (f) => {
        setDraft((d) => ({ ...d, funnelId: f.funnelId }));
        await after(t('savedOk'));
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const remove = useMutation(
    trpc.funnels.remove.mutationOptions({
      onSuccess: async () => {
        setDraft(EMPTY);
        setShown(null);
        await after(t('deletedOk'));
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const submit = (asNew: boolean) => {
    if (!parsed.success) return void message.warning(t('needSteps'));
    save.mutate({ siteId, funnelId: asNew ? undefined : draft.funnelId, name: draft.name, definition: parsed.data });
    show(draft);
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Space wrap>
            <Select<string>
              style={{ width: 260 }}
              placeholder={t('pick')}
              aria-label={t('pick')}
              value={draft.funnelId}
              loading={saved.isPending}
              options={(saved.data ?? []).map((f: Saved) => ({ value: f.funnelId, label: f.name }))}
              onChange={(id) => {
                const f = saved.data?.find((x) => x.funnelId === id);
                if (f) open(asDraft(f.definition, f.name, f.funnelId));
              }}
              data-testid="saved-funnels"
            />
            <Button onClick={() => setDraft(EMPTY)}>{t('new')}</Button>
            <Button onClick={() => open(asDraft(CONSULT_TO_ORDER_PRESET, t('preset')))}>{t('preset')}</Button>
          </Space>
          <Space wrap>
            <Input
              style={{ width: 260 }}
              placeholder={t('name')}
              aria-label={t('name')}
              maxLength={60}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            <Typography.Text>{t('window')}</Typography.Text>
            <Segmented<WindowMode>
              value={draft.windowMode}
              onChange={(windowMode) => setDraft({ ...draft, windowMode })}
              options={[
                { value: 'session', label: t('session') },
                { value: 'days', label: t('days') },
              ]}
            />
            {draft.windowMode === 'days' && (
              <InputNumber
                min={1}
                max={90}
                value={draft.windowDays}
                aria-label={t('days')}
                suffix={t('daysUnit')}
                onChange={(v) => setDraft({ ...draft, windowDays: v ?? 7 })}
              />
            )}
          </Space>
          <FunnelStepsEditor
            steps={draft.steps}
            goals={goals.data ?? []}
            onChange={(steps) => setDraft({ ...draft, steps })}
          />
          <Space wrap>
            <Button type="primary" onClick={() => show(draft)} data-testid="show-funnel">
              {t('result')}
            </Button>
            <Button
              onClick={() => submit(false)}
              disabled={draft.name.trim() === ''}
              loading={save.isPending}
              data-testid="save-funnel"
            >
              {t('save')}
            </Button>
            {draft.funnelId && <Button onClick={() => submit(true)}>{t('saveAs')}</Button>}
            {draft.funnelId && (
              <Popconfirm
                title={t('deleteConfirm', { name: draft.name })}
                onConfirm={() => remove.mutate({ siteId, funnelId: draft.funnelId ?? '' })}
              >
                <Button danger>{t('delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      </Card>
      {shown && <FunnelResult siteId={siteId} definition={shown.definition} labels={shown.labels} />}
    </Space>
  );
}

export default function FunnelsPage() {
  return (
    <Suspense>
      <Funnels />
    </Suspense>
  );
}
