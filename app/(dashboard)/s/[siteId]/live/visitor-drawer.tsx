'use client';
import { Alert, Descriptions, Drawer, Timeline, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import { Place } from '@/app/_components/country';
import type { useFormat } from '@/app/_components/use-format';
import { Elapsed } from './clock';
import { LiveHistory } from './live-history';
import { useLiveLabels } from './live-columns';
import { TagChips } from '@/app/_components/tag-chips';

/**
 * The visit so far: where they came from and every page, with the time spent on it; above
 * the trail, what the person did on earlier visits. A
 * page already left shows the attention the snippet measured (or, when that beacon was
 * lost, the time until the next page); the current page counts up from its start.
 */
export function VisitorDrawer({
  siteId,
  visitor,
  left,
  fmt,
  onClose,
}: {
  siteId: string;
  visitor: LiveVisitor | null;
  left: boolean;
  fmt: ReturnType<typeof useFormat>;
  onClose: () => void;
}) {
  const t = useTranslations('live');
  const tt = useTranslations('tags');
  const label = useLiveLabels();
  return (
    <Drawer
      open={visitor !== null}
      onClose={onClose}
      size={480}
      title={visitor && label.who(visitor)}
      data-testid="live-drawer"
    >
      {visitor && (
        <>
          {left && (
            <Alert type="info" showIcon title={t('left')} style={{ marginBottom: 16 }} data-testid="live-left" />
          )}
          <Descriptions size="small" column={1} style={{ marginBottom: 24 }}>
            <Descriptions.Item label={tt('personTags')}>
              <TagChips siteId={siteId} kind="visitor" subjectId={visitor.visitorId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('details.visitorId')}>
              <Typography.Text copyable>{visitor.visitorId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('details.arrived')}>
              {fmt.time(visitor.startedAt)} (
              {left ? (
                fmt.duration(visitor.lastSeenAt - visitor.startedAt)
              ) : (
                <Elapsed since={visitor.startedAt} format={(ms) => fmt.duration(ms)} />
              )}
              )
            </Descriptions.Item>
            <Descriptions.Item label={t('details.landingSource')}>
              {visitor.source === '(direct)' || !visitor.source ? t('direct') : visitor.source}
            </Descriptions.Item>
            {visitor.utmCampaign && (
              <Descriptions.Item label={t('details.campaign')}>
                {[visitor.utmSource, visitor.utmMedium, visitor.utmCampaign].filter(Boolean).join(' / ')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('location')}>
              {visitor.country || visitor.city ? (
                <Place country={visitor.country} region={visitor.region} city={visitor.city} />
              ) : (
                ''
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('device')}>{label.device(visitor)}</Descriptions.Item>
            <Descriptions.Item label={t('details.visits')}>
              {visitor.visitNumber ? fmt.number(visitor.visitNumber) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <LiveHistory key={visitor.visitorId} siteId={siteId} visitorId={visitor.visitorId} fmt={fmt} />
          <Typography.Title level={5}>{t('trail')}</Typography.Title>
          <Timeline
            data-testid="live-trail"
            items={visitor.trail.map((step, i) => {
              const next = visitor.trail[i + 1];
              const current = !next && !left;
              const spent = step.engagedMs || (next ? next.at - step.at : visitor.lastSeenAt - step.at);
              return {
                key: `${step.at}-${i}`,
                color: current ? 'green' : 'gray',
                title: fmt.time(step.at),
                content: (
                  <div>
                    <div data-testid="live-trail-path" style={{ fontWeight: 500, wordBreak: 'break-all' }}>
                      {step.path}
                    </div>
                    {step.title && <Typography.Text type="secondary">{step.title}</Typography.Text>}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {current ? (
                          <Elapsed
                            since={step.at}
                            format={(ms) => fmt.duration(ms)}
                            wrap={(time) => t('onPageNow', { time })}
                          />
                        ) : (
                          t('onPage', { time: fmt.duration(spent) })
                        )}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              };
            })}
          />
        </>
      )}
    </Drawer>
  );
}
