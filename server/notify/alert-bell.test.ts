import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { RealtimeBus } from '../bus/bus.ts';
import type { ServerToAgent } from '../contract/channels.ts';
import type { AlertItem } from '../contract/notify.ts';
import type { SessionUser } from '../contract/roles.ts';
import { AlertBell } from './alert-bell.ts';
import { testStore } from '../testing/test-store.ts';

// The bell's unread list is read from the store when a tab connects, and replaces what the tab
// showed. An alert stored while that read was under way reached the tab as `alert.new`, then the
// older list replaced it: the bell missed it until the next reconnect (CI27, e2e/alerts.spec.ts).

const ch = testStore();
const admin: SessionUser = { id: 'u-admin', email: 'a@example.com', name: 'A', role: 'admin', siteIds: [] };
const spike = (key: string): AlertItem => ({
  key,
  siteId: 'bell-shop',
  kind: 'traffic_spike',
  at: Date.now(),
  figures: { views: 25, usual: 0 },
});

// What the tab shows, as app/_lib/realtime.ts folds the messages: a snapshot replaces the
// list, a new alert goes on top.
const shown = (messages: ServerToAgent[]) =>
  messages.reduce<string[]>((list, m) => {
    if (m.type === 'alert.snapshot') return m.alerts.map((a) => a.key);
    if (m.type === 'alert.new') return [m.alert.key, ...list.filter((k) => k !== m.alert.key)];
    return list;
  }, []);

beforeAll(() => migrate(ch));
afterAll(() => ch.close());

describe('alert bell', () => {
  it('keeps an alert pushed while the unread list was being read', async () => {
    const bus = new RealtimeBus();
    const bell = new AlertBell(ch, () => ['bell-shop'], bus);
    const messages: ServerToAgent[] = [];
    bell.connected('bell-shop', admin, (m) => messages.push(m));
    bus.publish('alert', { alert: spike('k-during-read') });
    await expect.poll(() => messages.filter((m) => m.type === 'alert.snapshot').length).toBe(1);
    expect(shown(messages)).toEqual(['k-during-read']);

    // After the read, a new alert is pushed once and a later list is the store's again.
    bus.publish('alert', { alert: spike('k-after') });
    expect(shown(messages)).toEqual(['k-after', 'k-during-read']);
    bell.close();
  });
});
