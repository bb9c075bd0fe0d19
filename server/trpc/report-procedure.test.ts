import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUser } from '../auth/user-service.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { getConversionFunnel } from '../queries/conversion-funnel.ts';
import { getOverviewKpis } from '../queries/overview-kpis.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { freshStore, startDashboard, trpc, type Dashboard } from '../testing/dashboard-harness.ts';
import { FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';

// The report procedure and the domain-error mapping over real HTTP tRPC, as the dashboard
// calls them: a report answers what its query answers for the site's range (and the period
// before it) with the page's filters, and a service's refusal reaches the client as its code
// and its message.
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const site = FIXTURE_SITES.a;
// A closed custom range in the past: the answer does not depend on when the test runs.
const range = { preset: 'custom', from: '2026-10-22', to: '2026-11-19' } as const;
const filters = { device: 'desktop' } as const;

let ch: ClickHouseClient;
let d: Dashboard;
let admin: string;
let adminId: string;

beforeAll(async () => {
  ch = await freshStore();
  await loadFixture(ch, NOW);
  adminId = (
    await saveUser(ch, {
      email: 'boss@example.com',
      name: 'Boss',
      role: 'admin',
      siteIds: [],
      password: 'boss-password-1',
    })
  ).id;
  await saveUser(ch, {
    email: 'ann@example.com',
    name: 'Ann',
    role: 'agent',
    siteIds: [site.id],
    password: 'agent-password-1',
  });
  d = await startDashboard(ch);
  admin = (await trpc(d.base, 'auth.signIn', { email: 'boss@example.com', password: 'boss-password-1' })).session ?? '';
}, 60_000);
afterAll(async () => {
  await d.close();
  await ch.close();
});

const query = (path: string, input: unknown) => trpc(d.base, path, input, { cookie: admin, query: true });
const mutate = (path: string, input: unknown) => trpc(d.base, path, input, { cookie: admin });
const refusal = (a: Awaited<ReturnType<typeof trpc>>) => ({
  status: a.status,
  code: a.json.error?.data?.code,
  message: a.json.error?.message,
});

describe('reportProcedure', () => {
  it('answers for the range and the period before it, the filters applied to both', async () => {
    const resolved = resolveRange(range, site.timeZone);
    const answer = await query('report.overview', { siteId: site.id, range, filters });
    expect(answer.status).toBe(200);
    const data = answer.json.result?.data as { range: unknown; timeZone: string; current: unknown; previous: unknown };
    expect(data.range).toEqual(resolved);
    expect(data.timeZone).toBe(site.timeZone);
    const current = await getOverviewKpis(ch, reportScope(site.id, resolved.from, resolved.to, filters));
    expect((current as { visitors: number }).visitors).toBeGreaterThan(0);
    expect(data.current).toEqual(current);
    expect(data.previous).toEqual(
      await getOverviewKpis(ch, reportScope(site.id, resolved.prevFrom, resolved.prevTo, filters)),
    );
    // The filter narrows: without it there are more visitors.
    const unfiltered = (await query('report.overview', { siteId: site.id, range })).json.result?.data as {
      current: { visitors: number };
    };
    expect(unfiltered.current.visitors).toBeGreaterThan((current as { visitors: number }).visitors);
  });

  it('passes a procedure its own inputs next to the report input (conversion window)', async () => {
    const resolved = resolveRange(range, site.timeZone);
    const answer = await query('conversion.funnel', { siteId: site.id, range, filters: {}, windowDays: 7 });
    expect(answer.status).toBe(200);
    const data = answer.json.result?.data as { current: unknown; previous: unknown };
    expect(data.current).toEqual(
      await getConversionFunnel(ch, reportScope(site.id, resolved.from, resolved.to, {}), 7 * 86_400_000),
    );
    expect(data.previous).toEqual(
      await getConversionFunnel(ch, reportScope(site.id, resolved.prevFrom, resolved.prevTo, {}), 7 * 86_400_000),
    );
  });
});

describe('domain errors over HTTP', () => {
  it('NOT_FOUND (404) with the reason for an unknown site, visitor, lead, canned reply and chat', async () => {
    expect(refusal(await query('report.overview', { siteId: 'no-such-site', range }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No such site',
    });
    expect(refusal(await query('site.byId', { siteId: 'no-such-site' }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No such site',
    });
    expect(refusal(await query('visitor.byId', { siteId: site.id, visitorId: 'nobody-here' }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No such visitor',
    });
    expect(
      refusal(await mutate('lead.update', { siteId: site.id, leadId: 'lead_unknown', patch: { status: 'won' } })),
    ).toEqual({ status: 404, code: 'NOT_FOUND', message: 'No such lead' });
    expect(refusal(await mutate('canned.remove', { siteId: site.id, replyId: 'cr_missing' }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No such canned reply',
    });
    expect(refusal(await query('chatHistory.get', { siteId: site.id, chatId: 'no-such-chat' }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'no such chat',
    });
  });

  it('CONFLICT (409) for a duplicate user email, on create and on update', async () => {
    const user = { name: 'Again', role: 'agent', siteIds: [], password: 'agent-pass-22' };
    expect(refusal(await mutate('user.create', { ...user, email: 'ann@example.com' }))).toEqual({
      status: 409,
      code: 'CONFLICT',
      message: 'A user with this email exists',
    });
    expect(
      refusal(
        await mutate('user.update', {
          id: adminId,
          name: 'Boss',
          role: 'admin',
          siteIds: [],
          email: 'ann@example.com',
        }),
      ),
    ).toEqual({ status: 409, code: 'CONFLICT', message: 'A user with this email exists' });
  });

  it("BAD_REQUEST (400) with the rule's reason: last admin, removing yourself, takes-chats for a role that serves none", async () => {
    expect(
      refusal(
        await mutate('user.update', {
          id: adminId,
          name: 'Boss',
          role: 'manager',
          siteIds: [],
          email: 'boss@example.com',
        }),
      ),
    ).toEqual({ status: 400, code: 'BAD_REQUEST', message: 'The last admin cannot lose the admin role' });
    expect(refusal(await mutate('user.remove', { id: adminId }))).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'You cannot remove yourself',
    });
    const marketer = (
      await mutate('user.create', {
        email: 'mia@example.com',
        name: 'Mia',
        role: 'marketer',
        siteIds: [],
        password: 'marketer-pass-1',
      })
    ).json.result?.data as { id: string };
    expect(refusal(await mutate('user.setTakesChats', { id: marketer.id, takesChats: true }))).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'This role does not serve chats',
    });
    expect(refusal(await mutate('user.remove', { id: 'nobody' }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No such user',
    });
  });
});
