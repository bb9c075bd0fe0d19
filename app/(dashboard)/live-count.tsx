'use client';
import { Badge } from 'antd';
import { useLiveVisitors } from '../_lib/realtime';

/** Visitors on the site right now, pushed over the realtime hub. */
export function LiveCount({ siteId }: { siteId: string }) {
  const { total, status } = useLiveVisitors(siteId);
  return <Badge count={total} showZero overflowCount={9999} color={status === 'open' ? '#22c55e' : '#9ca3af'} style={{ marginInlineStart: 6 }} data-testid="live-count" />;
}
