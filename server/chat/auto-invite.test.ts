import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ServerToVisitor } from '../contract/channels.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { collect } from '../testing/http.ts';
import { saveInviteRule } from './rule-store.ts';
import type { RuleDefinition } from '../contract/rule-schema.ts';

// Automatic invitations through the real ingest path and sockets: rules are saved the way
// the dashboard saves them, and fire from what the visitor does.
const SITES = { fire: 'rules-fire', agent: 'rules-agent', exit: 'rules-exit', day: 'rules-day' };
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), {
    heartbeatTimeoutMs: 5_000,
    graceMs: 500,
    eventTtlMs: 5_000,
    tickMs: 50,
    pingMs: 1_000,
  });
});
afterAll(async () => {
  await h.close();
});

async function visitor(site: string, visitorId: string, path: string, sessionId = `${visitorId}-s1`) {
  await pageview(h.base, site, visitorId, path, path, { sessionId });
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(site, visitorId, `https://shop.example${path}`), sessionId });
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  const invites = () => got.flatMap((m) => (m.type === 'invite' ? [m] : []));
  return { ...v, invites };
}

const rule = (site: string, definition: Partial<RuleDefinition> & Pick<RuleDefinition, 'conditions'>) =>
  saveInviteRule(h.ch, site, {
    name: 'Pricing help',
    enabled: true,
    definition: {
      match: 'all',
      message: 'Questions about pricing?',
      agentId: '',
      cap: { per: 'visit' },
      ...definition,
    },
  });

async function shown(site: string): Promise<{ rule_id: string; visitor_id: string; agent_id: string }[]> {
  const r = await h.ch.query({
    query: `SELECT rule_id, visitor_id, agent_id FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'invite_shown' ORDER BY ts`,
    query_params: { s: site },
    format: 'JSONEachRow',
  });
  return r.json();
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('automatic invitations', () => {
  it('fire when the conditions hold, from an available agent, once per visit', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITES.fire);
    const saved = await rule(SITES.fire, {
      conditions: [
        { kind: 'currentUrl', pattern: '/pricing' },
        { kind: 'timeOnPage', seconds: 1 },
      ],
    });
    const elsewhere = await visitor(SITES.fire, 'visitor-elsewhere', '/about');
    const v = await visitor(SITES.fire, 'visitor-pricing', '/pricing');
    const start = Date.now();
    await expect
      .poll(() => v.invites().map((i) => [i.message, i.agentName]), { timeout: 3_000 })
      .toEqual([['Questions about pricing?', 'Agent']]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(700);
    v.send({ type: 'invite.dismiss', invitationId: v.invites()[0]!.invitationId });
    await pause(600);
    expect(v.invites()).toHaveLength(1);
    expect(elsewhere.invites()).toEqual([]);
    expect(await shown(SITES.fire)).toEqual([
      { rule_id: saved.ruleId, visitor_id: 'visitor-pricing', agent_id: h.userIds.agent },
    ]);

    // A new visit of the same visitor may be invited again.
    v.ws.close();
    const again = await visitor(SITES.fire, 'visitor-pricing', '/pricing', 'visitor-pricing-s2');
    await expect.poll(() => again.invites().length, { timeout: 3_000 }).toBe(1);
    for (const s of [again, elsewhere]) s.ws.close();
    agent.ws.close();
  });

  it('wait until an agent is available', async () => {
    await rule(SITES.agent, { conditions: [{ kind: 'pagesViewed', count: 1 }] });
    const v = await visitor(SITES.agent, 'visitor-waiting', '/');
    await pause(500);
    expect(v.invites()).toEqual([]);
    const agent = await agentSocket(h.base, h.tokens.agent, SITES.agent);
    await expect.poll(() => v.invites().length, { timeout: 2_000 }).toBe(1);
    v.ws.close();
    agent.ws.close();
  });

  it('fire on the exit intent the snippet reports', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITES.exit);
    await rule(SITES.exit, { conditions: [{ kind: 'exitIntent' }], message: 'Before you go: 10% off today' });
    const v = await visitor(SITES.exit, 'visitor-leaving', '/cart');
    await pause(400);
    expect(v.invites()).toEqual([]);
    await collect(
      h.base,
      {
        site: SITES.exit,
        visitorId: 'visitor-leaving',
        sessionId: 'visitor-leaving-s1',
        events: [{ type: 'exit_intent', url: 'https://shop.example/cart' }],
      },
      { 'x-forwarded-for': '81.2.69.142' },
    );
    await expect
      .poll(() => v.invites().map((i) => i.message), { timeout: 2_000 })
      .toEqual(['Before you go: 10% off today']);
    v.ws.close();
    agent.ws.close();
  });

  it('respect a cap of N a day', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITES.day);
    await rule(SITES.day, { conditions: [{ kind: 'pagesViewed', count: 1 }], cap: { per: 'day', max: 2 } });
    const v = await visitor(SITES.day, 'visitor-daily', '/');
    for (let n = 1; n <= 2; n++) {
      await expect.poll(() => v.invites().length, { timeout: 2_000 }).toBe(n);
      v.send({ type: 'invite.dismiss', invitationId: v.invites()[n - 1]!.invitationId });
    }
    await pause(600);
    expect(v.invites()).toHaveLength(2);
    expect(await shown(SITES.day)).toHaveLength(2);
    v.ws.close();
    agent.ws.close();
  });
});
