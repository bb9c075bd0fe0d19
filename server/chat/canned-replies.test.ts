import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { listCannedReplies } from '../queries/list-canned-replies.ts';
import { appRouter } from '../trpc/root.ts';
import {
  CannedReplyNotFoundError,
  CannedShortcutTakenError,
  removeCannedReply,
  saveCannedReply,
} from './canned-replies.ts';
import { testStore } from '../testing/test-store.ts';

// Canned replies against the embedded engine; each test uses a site of its own.
const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const NOW = Date.UTC(2026, 10, 20, 6, 30);
const shortcuts = async (siteId: string) => (await listCannedReplies(ch, siteId)).map((r) => [r.shortcut, r.body]);

describe('canned replies', () => {
  it('saves, lists by shortcut, updates and deletes, surviving a merge', async () => {
    const site = 'cr-crud';
    const ship = await saveCannedReply(ch, site, { shortcut: 'ship', body: 'We ship worldwide.' }, NOW);
    await saveCannedReply(ch, site, { shortcut: 'hello', body: 'Hi! How can I help?' }, NOW);
    await saveCannedReply(ch, site, { shortcut: 'bye', body: 'Thanks for chatting.' }, NOW);
    expect(await shortcuts(site)).toEqual([
      ['bye', 'Thanks for chatting.'],
      ['hello', 'Hi! How can I help?'],
      ['ship', 'We ship worldwide.'],
    ]);

    // Two edits in the same millisecond as the create: the last one still wins.
    await saveCannedReply(ch, site, { replyId: ship.replyId, shortcut: 'shipping', body: 'Within 5 days.' }, NOW);
    await saveCannedReply(ch, site, { replyId: ship.replyId, shortcut: 'shipping', body: 'Within 3 days.' }, NOW);
    await removeCannedReply(
      ch,
      site,
      (await listCannedReplies(ch, site)).find((r) => r.shortcut === 'bye')!.replyId,
      NOW,
    );
    await ch.command({ query: `OPTIMIZE TABLE ${TABLES.cannedReplies} FINAL` });
    expect(await shortcuts(site)).toEqual([
      ['hello', 'Hi! How can I help?'],
      ['shipping', 'Within 3 days.'],
    ]);
    expect((await listCannedReplies(ch, site)).find((r) => r.shortcut === 'shipping')?.replyId).toBe(ship.replyId);
  });

  it('frees a deleted shortcut and refuses a duplicate one', async () => {
    const site = 'cr-unique';
    const first = await saveCannedReply(ch, site, { shortcut: 'ship', body: 'One' });
    const other = await saveCannedReply(ch, site, { shortcut: 'other', body: 'Two' });
    await expect(saveCannedReply(ch, site, { shortcut: 'ship', body: 'Again' })).rejects.toBeInstanceOf(
      CannedShortcutTakenError,
    );
    await expect(
      saveCannedReply(ch, site, { replyId: other.replyId, shortcut: 'ship', body: 'Renamed' }),
    ).rejects.toBeInstanceOf(CannedShortcutTakenError);
    // Keeping its own shortcut is not a clash.
    await saveCannedReply(ch, site, { replyId: first.replyId, shortcut: 'ship', body: 'One, edited' });
    await removeCannedReply(ch, site, first.replyId);
    await saveCannedReply(ch, site, { shortcut: 'ship', body: 'Three' });
    expect(await shortcuts(site)).toEqual([
      ['other', 'Two'],
      ['ship', 'Three'],
    ]);
  });

  it("keeps each site's replies to itself", async () => {
    const a = await saveCannedReply(ch, 'cr-site-a', { shortcut: 'ship', body: 'From A' });
    await saveCannedReply(ch, 'cr-site-b', { shortcut: 'ship', body: 'From B' });
    expect(await shortcuts('cr-site-a')).toEqual([['ship', 'From A']]);
    expect(await shortcuts('cr-site-b')).toEqual([['ship', 'From B']]);
    await expect(
      saveCannedReply(ch, 'cr-site-b', { replyId: a.replyId, shortcut: 'ship', body: 'Hijack' }),
    ).rejects.toBeInstanceOf(CannedReplyNotFoundError);
    await expect(removeCannedReply(ch, 'cr-site-b', a.replyId)).rejects.toBeInstanceOf(CannedReplyNotFoundError);
    expect(await shortcuts('cr-site-a')).toEqual([['ship', 'From A']]);
  });

  it('refuses invalid shortcuts and bodies', async () => {
    const site = 'cr-invalid';
    for (const shortcut of ['', 'Ship', 'with space', 'x'.repeat(33), '/ship', 'ünï']) {
      await expect(saveCannedReply(ch, site, { shortcut, body: 'ok' })).rejects.toThrow();
    }
    await expect(saveCannedReply(ch, site, { shortcut: 'empty', body: '   ' })).rejects.toThrow();
    await expect(saveCannedReply(ch, site, { shortcut: 'long', body: 'x'.repeat(2001) })).rejects.toThrow();
    await saveCannedReply(ch, site, { shortcut: 'max_len-32'.padEnd(32, 'x'), body: 'x'.repeat(2000) });
    expect((await listCannedReplies(ch, site)).length).toBe(1);
  });
});

describe('canned router', () => {
  const user = (role: SessionUser['role'], siteIds = ['cr-router']): SessionUser => ({
    id: `u-${role}`,
    email: `${role}@example.com`,
    name: role,
    role,
    siteIds,
  });
  const caller = (u: SessionUser) =>
    appRouter.createCaller({ ch, user: u, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
  const siteId = 'cr-router';

  it('lets an agent of the site list, save and remove replies', async () => {
    const agent = caller(user('agent'));
    const { replyId } = await agent.canned.save({ siteId, shortcut: 'ship', body: 'We ship worldwide.' });
    await agent.canned.save({ siteId, replyId, shortcut: 'ship', body: 'We ship worldwide within 5 days.' });
    expect((await agent.canned.list({ siteId })).map((r) => [r.replyId, r.shortcut, r.body])).toEqual([
      [replyId, 'ship', 'We ship worldwide within 5 days.'],
    ]);
    await agent.canned.remove({ siteId, replyId });
    expect(await agent.canned.list({ siteId })).toEqual([]);
  });

  it('answers FORBIDDEN, BAD_REQUEST and NOT_FOUND where they apply', async () => {
    const agent = caller(user('agent'));
    const marketer = caller(user('marketer'));
    await expect(marketer.canned.list({ siteId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(marketer.canned.save({ siteId, shortcut: 'mkt', body: 'No' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(marketer.canned.remove({ siteId, replyId: 'cr_x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agent.canned.list({ siteId: 'cr-other' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agent.canned.save({ siteId: 'cr-other', shortcut: 'x', body: 'No' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await agent.canned.save({ siteId, shortcut: 'dup', body: 'First' });
    const duplicate = agent.canned.save({ siteId, shortcut: 'dup', body: 'Second' });
    await expect(duplicate).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(duplicate).rejects.toThrow('The shortcut /dup is already used by another reply');
    await expect(agent.canned.save({ siteId, shortcut: 'Bad Shortcut', body: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(agent.canned.save({ siteId, shortcut: 'ok', body: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(agent.canned.save({ siteId, replyId: 'cr_missing', shortcut: 'ok', body: 'x' })).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
    await expect(agent.canned.remove({ siteId, replyId: 'cr_missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await caller(user('admin', [])).canned.list({ siteId })).map((r) => r.shortcut)).toEqual(['dup']);
  });
});
