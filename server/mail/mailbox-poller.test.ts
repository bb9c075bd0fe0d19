import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { startDovecot, type Dovecot } from '../testing/mail-servers.ts';
import { testStore } from '../testing/test-store.ts';
import type { MailChannel } from './mail-channel.ts';
import { saveSiteMail } from './mail-settings-store.ts';
import { MailboxPoller } from './mailbox-poller.ts';

// The poller's passes against a real Dovecot and the embedded store. What a mail becomes is
// the channel's work (email-channel.test.ts); here the channel only reports it opened.
const SITE = 'poll-shop';
const BOX = 'support@shop.test';
const USERS = { [BOX]: 'support-pw' };

let ch: ClickHouseClient;
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot(USERS);
  ch = testStore();
  await migrate(ch);
  await saveSiteMail(ch, SITE, {
    mailbox: {
      enabled: true,
      address: BOX,
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      user: BOX,
      password: USERS[BOX],
    },
    notify: [],
  });
}, 60_000);

afterAll(async () => {
  await ch?.close();
  await dovecot?.close();
});

const mail = (id: string) =>
  Buffer.from(
    `From: Alice <alice@customer.test>\r\nTo: ${BOX}\r\nSubject: Teapot\r\nMessage-ID: <${id}@customer.test>\r\n\r\nIs it 1 litre?\r\n`,
  );

/** The store, with the first read of a mailbox's cursor held until `release`: a pass stopped after it opened INBOX. */
function holdFirstCursorRead() {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached = () => {};
  const atCursor = new Promise<void>((resolve) => (reached = resolve));
  let held = false;
  // The store's own client underneath: only its query is wrapped.
  const store = Object.create(ch) as ClickHouseClient;
  store.query = async (params: Parameters<ClickHouseClient['query']>[0]) => {
    if (!held && params.query.includes(TABLES.mailboxCursors)) {
      held = true;
      reached();
      await released;
    }
    return ch.query(params);
  };
  return { store, atCursor, release };
}

it('a check asked while a pass runs reads the mailbox again, so mail that came meanwhile is in its report', async () => {
  const { store, atCursor, release } = holdFirstCursorRead();
  const channel = { receive: () => Promise.resolve({ kind: 'opened', chatId: 'chat-1' }) } as unknown as MailChannel;
  const poller = new MailboxPoller({ ch: store, channel, everyMs: 0, maxMessageBytes: 1_000_000 });

  const running = poller.pollNow();
  await atCursor; // that pass found INBOX empty
  await dovecot.deliver(BOX, mail('teapot.1'));
  const asked = poller.pollNow();
  const askedToo = poller.pollNow();
  release();

  expect(await running).toEqual([]);
  const report = await asked;
  expect(report.map((r) => [r.siteId, r.outcome.kind])).toEqual([[SITE, 'opened']]);
  expect(await askedToo).toBe(report);
  // Read once: the next pass starts past it.
  expect(await poller.pollNow()).toEqual([]);
  await poller.close();
}, 30_000);
