import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { freshStore, startDashboard, trpc, type Dashboard } from '../testing/dashboard-harness.ts';
import { appRouter } from '../trpc/root.ts';
import { saveUser } from './user-service.ts';

// Share links over real HTTP: the cookie a link sets opens only the allow-listed aggregate
// reads of its own site; every other procedure (visitors, chats, leads, people, settings)
// refuses it; a revoke refuses the next request; a password must be proven, not skipped.
const NOW = Date.now();
const SITE = FIXTURE_SITES.a.id;
const RANGE = { range: { preset: '30d' }, filters: {} };
let ch: ClickHouseClient;
let d: Dashboard;
let admin = '';

/** What a share session may call; everything else must refuse it. */
const ALLOWED = new Set([
  'report.overview',
  'report.series',
  'report.breakdown',
  'pages.engagement',
  'pages.exits',
  'pages.entryExit',
  'pages.outbound',
  'retention.cohorts',
  'journeys.pages',
  'journeys.neighbours',
  'journeys.paths',
  'share.site',
]);
/** Procedures anyone may call, session or not (signing in, opening a share link). */
const PUBLIC = new Set(['auth.signIn', 'auth.signOut', 'share.open']);

beforeAll(async () => {
  ch = await freshStore();
  await loadFixture(ch, NOW);
  await saveUser(ch, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    siteIds: [],
    password: 'boss-password-1',
  });
  d = await startDashboard(ch);
  admin = (await trpc(d.base, 'auth.signIn', { email: 'boss@example.com', password: 'boss-password-1' })).session ?? '';
}, 60_000);
afterAll(async () => {
  await d.close();
  await ch.close();
});

const shareCookie = (setCookie: string[]) => setCookie.map((c) => /^lt_share=([^;]*)/.exec(c)?.[1]).find(Boolean) ?? '';
const asShare = (cookie: string, path: string, input: unknown, query = true) =>
  trpc(d.base, path, input, { query, headers: { cookie: `lt_share=${cookie}` } });

async function makeLink(password?: string): Promise<{ linkId: string; token: string }> {
  const made = await trpc(d.base, 'share.create', { siteId: SITE, name: 'Board', password }, { cookie: admin });
  expect(made.status).toBe(200);
  return made.json.result!.data as { linkId: string; token: string };
}

describe('a share link', () => {
  it('shows the same aggregates a user sees, on its own site only, and refuses every other procedure', async () => {
    const { token } = await makeLink();
    const opened = await trpc(d.base, 'share.open', { token });
    expect(opened.json.result?.data).toEqual({ ok: true, siteId: SITE });
    const cookie = shareCookie(opened.setCookie);
    expect(cookie).toBe(token);
    expect(opened.setCookie[0]).toMatch(/HttpOnly/);

    const input = { siteId: SITE, ...RANGE };
    const mine = await asShare(cookie, 'report.overview', input);
    const boss = await trpc(d.base, 'report.overview', input, { cookie: admin, query: true });
    expect(mine.status).toBe(200);
    const figures = (a: typeof mine) => {
      const { current, previous } = a.json.result!.data as Record<string, unknown>;
      return { current, previous };
    };
    expect(figures(mine)).toEqual(figures(boss));
    expect((await asShare(cookie, 'pages.exits', input)).status).toBe(200);
    expect((await asShare(cookie, 'retention.cohorts', { ...input, period: 'week', subject: 'visitors' })).status).toBe(
      200,
    );
    expect((await asShare(cookie, 'journeys.neighbours', { ...input, page: '/pricing' })).status).toBe(200);
    expect((await asShare(cookie, 'share.site', { siteId: SITE })).json.result?.data).toMatchObject({ id: SITE });
    // Another site: refused.
    expect((await asShare(cookie, 'report.overview', { ...input, siteId: FIXTURE_SITES.b.id })).status).toBe(403);
    // No cookie at all: refused.
    expect((await trpc(d.base, 'report.overview', input, { query: true })).status).toBe(401);

    // Every procedure outside the allow-list refuses the share session before reading anything.
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const refused: string[] = [];
    const answered: string[] = [];
    for (const [path, proc] of Object.entries(procedures)) {
      if (ALLOWED.has(path) || PUBLIC.has(path) || proc._def.type === 'subscription') continue;
      const res = await asShare(
        cookie,
        path,
        { ...input, visitorId: 'fv-0000', chatId: 'fc-0000', id: 'x' },
        proc._def.type === 'query',
      );
      (res.status === 401 ? refused : answered).push(`${path} ${res.status}`);
    }
    expect(answered).toEqual([]);
    for (const personal of ['visitor.list', 'visitor.byId', 'lead.list', 'chatHistory.list', 'chatHistory.transcript'])
      expect(refused).toContain(`${personal} 401`);
  });

  it('stops at once when revoked', async () => {
    const { linkId, token } = await makeLink();
    const cookie = shareCookie((await trpc(d.base, 'share.open', { token })).setCookie);
    const input = { siteId: SITE, ...RANGE };
    expect((await asShare(cookie, 'report.series', input)).status).toBe(200);
    const revoked = await trpc(d.base, 'share.revoke', { siteId: SITE, linkId }, { cookie: admin });
    expect(revoked.status).toBe(200);
    expect((await asShare(cookie, 'report.series', input)).status).toBe(401);
    const again = await trpc(d.base, 'share.open', { token });
    expect([again.status, again.json.error?.message]).toEqual([404, 'revoked']);
    const list = await trpc(d.base, 'share.list', { siteId: SITE }, { cookie: admin, query: true });
    const row = (list.json.result!.data as { linkId: string; revokedAt: number }[]).find((l) => l.linkId === linkId);
    expect(row?.revokedAt).toBeGreaterThan(0);
  });

  it('with a password: asks for it, refuses a wrong one, and the token alone does not open it', async () => {
    const { token } = await makeLink('board-secret-1');
    const input = { siteId: SITE, ...RANGE };
    expect((await trpc(d.base, 'share.open', { token })).json.result?.data).toEqual({
      ok: false,
      reason: 'password_needed',
    });
    const wrong = await trpc(d.base, 'share.open', { token, password: 'guess' });
    expect([wrong.json.result?.data, wrong.setCookie]).toEqual([{ ok: false, reason: 'password_wrong' }, []]);
    // A cookie made by hand from the link alone is no share session.
    expect((await asShare(token, 'report.overview', input)).status).toBe(401);
    expect((await asShare(`${token}.forged`, 'report.overview', input)).status).toBe(401);
    const right = await trpc(d.base, 'share.open', { token, password: 'board-secret-1' });
    const cookie = shareCookie(right.setCookie);
    expect(cookie.startsWith(`${token}.`)).toBe(true);
    expect((await asShare(cookie, 'report.overview', input)).status).toBe(200);
  });

  it('is made and listed by admins only, and the list never holds the token', async () => {
    const list = await trpc(d.base, 'share.list', { siteId: SITE }, { cookie: admin, query: true });
    expect(JSON.stringify(list.json)).not.toMatch(/lts_|token|scrypt/);
    expect((await trpc(d.base, 'share.create', { siteId: SITE, name: 'x' })).status).toBe(401);
  });
});
