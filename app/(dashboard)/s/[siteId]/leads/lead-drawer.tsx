'use client';
import { Button, Descriptions, Drawer, Input, Space, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { UpdateLeadPatch } from '@/server/contract/lead-schema';
import type { RouterOutputs } from '@/app/_lib/trpc';

type LeadListRow = RouterOutputs['lead']['list']['rows'][number];
import { Country } from '@/app/_components/country';
import type { useFormat } from '@/app/_components/use-format';
import { LeadStatusSelect } from './lead-status-select';
import { useLeadUpdate } from './use-lead-update';
import { TagChips } from '@/app/_components/tag-chips';
import { CallbackHistory } from '@/app/_components/callback-history';

type Touch = LeadListRow['first'];

/** Callback times from the widget's picker are instants; older leads and the demo hold free text. */
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

/** One touch as the attribution block shows it: referrer, campaign tags, landing page. */
function TouchItems({ touch, testId }: { touch: Touch; testId: string }) {
  const t = useTranslations('leads.drawer');
  const campaign = [touch.utmSource, touch.utmMedium, touch.utmCampaign].filter(Boolean).join(' / ');
  return (
    <Descriptions size="small" column={1} data-testid={testId}>
      <Descriptions.Item label={t('referrer')}>{touch.referrerDomain || t('direct')}</Descriptions.Item>
      <Descriptions.Item label={t('campaign')}>{campaign || t('none')}</Descriptions.Item>
      <Descriptions.Item label={t('landing')}>
        <span style={{ wordBreak: 'break-all' }}>{touch.path || t('none')}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * Everything about one lead: contact, what they asked, where they came from (as copied
 * in when the lead was created), and the working side: status, owner, notes.
 */
export function LeadDrawer({
  lead,
  siteId,
  timeZone,
  meId,
  editable,
  fmt,
  onClose,
}: {
  lead: LeadListRow | null;
  siteId: string;
  /** The site's zone, named beside a callback time (fmt shows times in it). */
  timeZone: string;
  meId: string;
  editable: boolean;
  fmt: ReturnType<typeof useFormat>;
  onClose: () => void;
}) {
  const t = useTranslations('leads');
  const tt = useTranslations('tags');
  const update = useLeadUpdate();
  const [notes, setNotes] = useState('');
  // The editor starts from the stored notes whenever another lead opens.
  const leadId = lead?.leadId;
  const storedNotes = lead?.notes ?? '';
  useEffect(() => setNotes(storedNotes), [leadId, storedNotes]);

  const save = (patch: UpdateLeadPatch) => lead && update.mutate({ siteId, leadId: lead.leadId, patch });
  const unattributed = lead && !lead.first.path && !lead.last.path;

  return (
    <Drawer
      open={lead !== null}
      onClose={onClose}
      size={520}
      title={lead && (lead.name || lead.email || lead.phone)}
      data-testid="lead-drawer"
    >
      {lead && (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Space wrap>
            <LeadStatusSelect status={lead.status} editable={editable} onChange={(status) => save({ status })} />
            <Typography.Text type="secondary">
              {t('owner')}: {lead.ownerName || lead.ownerId || t('noOwner')}
            </Typography.Text>
            {editable && lead.ownerId !== meId && (
              <Button size="small" onClick={() => save({ ownerId: meId })} data-testid="lead-assign-me">
                {t('drawer.assignToMe')}
              </Button>
            )}
          </Space>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={tt('leadTags')}>
              <TagChips siteId={siteId} kind="lead" subjectId={lead.leadId} />
            </Descriptions.Item>
            {lead.visitorId && (
              <Descriptions.Item label={tt('personTags')}>
                <TagChips siteId={siteId} kind="visitor" subjectId={lead.visitorId} />
              </Descriptions.Item>
            )}
          </Descriptions>
          <Descriptions size="small" column={1} title={t('drawer.contact')}>
            <Descriptions.Item label={t('drawer.name')}>{lead.name || t('drawer.none')}</Descriptions.Item>
            <Descriptions.Item label={t('drawer.email')}>
              {lead.email ? <Typography.Text copyable>{lead.email}</Typography.Text> : t('drawer.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('drawer.phone')}>
              {lead.phone ? <Typography.Text copyable>{lead.phone}</Typography.Text> : t('drawer.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('source')}>{t(`sources.${lead.source as 'agent'}`)}</Descriptions.Item>
            <Descriptions.Item label={t('country')}>
              <Country code={lead.country} />
            </Descriptions.Item>
            <Descriptions.Item label={t('created')}>{fmt.dateTime(lead.createdAt)}</Descriptions.Item>
            {lead.callbackAt && (
              <Descriptions.Item label={t('drawer.callbackAt')}>
                <span data-testid="lead-callback-at">
                  {INSTANT.test(lead.callbackAt)
                    ? `${fmt.dateTime(Date.parse(lead.callbackAt))} (${timeZone})`
                    : lead.callbackAt}
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('drawer.message')}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="lead-message">
                {lead.message || t('drawer.none')}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <CallbackHistory siteId={siteId} leadId={lead.leadId} />
          {unattributed ? (
            <Typography.Text type="secondary">{t('drawer.unattributed')}</Typography.Text>
          ) : (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('drawer.firstTouch')}
              </Typography.Title>
              <TouchItems touch={lead.first} testId="lead-first-touch" />
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('drawer.lastTouch')}
              </Typography.Title>
              <TouchItems touch={lead.last} testId="lead-last-touch" />
            </>
          )}
          <div>
            <Typography.Title level={5}>{t('drawer.notes')}</Typography.Title>
            <Input.TextArea
              rows={4}
              maxLength={4000}
              showCount
              value={notes}
              disabled={!editable}
              placeholder={t('drawer.notesPlaceholder')}
              aria-label={t('drawer.notes')}
              onChange={(e) => setNotes(e.target.value)}
              data-testid="lead-notes"
            />
            {editable && (
              <Button
                type="primary"
                size="small"
                style={{ marginTop: 8 }}
                disabled={notes === lead.notes}
                loading={update.isPending}
                onClick={() => save({ notes })}
                data-testid="lead-save-notes"
              >
                {t('drawer.saveNotes')}
              </Button>
            )}
          </div>
          <Link
            href={`/s/${encodeURIComponent(siteId)}/visitors/${encodeURIComponent(lead.visitorId)}`}
            data-testid="lead-visitor-link"
          >
            {t('drawer.visitorProfile')}
          </Link>
        </Space>
      )}
    </Drawer>
  );
}
