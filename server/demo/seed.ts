import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import type { SiteCache } from '../sites/site-cache.ts';
import { DEMO_SITE_ID, ensureDemoSite } from './demo-site.ts';
import { saveInviteRule } from '../chat/rule-store.ts';
import { RULES } from './demo-world.ts';
import { saveDemoGoals } from './demo-goals.ts';
import { ensureDemoKnowledge } from './demo-knowledge.ts';
import { generateHistory } from './generate.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/**
 * First start: a demo site, and if the demo site has no events yet, its knowledge base and
 * 90 days of history whose robot chats answer from it. `port` makes the articles'
 * self-service links point at this server's demo shop when no PUBLIC_URL is set.
 */
export async function seedDemo(
  ch: ClickHouseClient,
  sites: SiteCache,
  events: number,
  publicUrl: string | undefined,
  port: number,
): Promise<void> {
  await ensureDemoSite(ch, sites, publicUrl ? [new URL(publicUrl).hostname] : []);
  if (events === 0) return;
  const stored = await readRows(
    ch,
    {
      query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {site:String}`,
      query_params: { site: DEMO_SITE_ID },
    },
    z.object({ n: col.int }),
  );
  if ((stored[0]?.n ?? 0) > 0) return;

  const robot = await ensureDemoKnowledge(ch, DEMO_SITE_ID, publicUrl ?? `http://localhost:${port}`);
  console.log(`generating ${events.toLocaleString('en')} demo events (90 days of history)…`);
  let lastPercent = -1;
  const summary = await generateHistory({
    siteId: DEMO_SITE_ID,
    events,
    insert: clickHouseInsert(ch),
    robot,
    onProgress(done, total) {
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent !== lastPercent) {
        lastPercent = percent;
        console.log(`  demo data ${percent}%`);
      }
    },
  });
  await saveDemoRules(ch);
  await saveDemoGoals(ch);
  console.log(
    `demo data ready: ${summary.visitors.toLocaleString('en')} visitors, ${summary.sessions.toLocaleString('en')} sessions, ${summary.events.toLocaleString('en')} events`,
  );
}

/**
 * The two rules the demo history's automatic invitations came from, so reports name them.
 * They start switched off: an admin trying the demo shop should not be invited by surprise,
 * and switching one on is the quickest way to see automatic invitations work.
 */
async function saveDemoRules(ch: ClickHouseClient): Promise<void> {
  await saveInviteRule(ch, DEMO_SITE_ID, {
    ruleId: RULES.pricing,
    name: 'Pricing page, 30 seconds',
    enabled: false,
    definition: {
      match: 'all',
      conditions: [
        { kind: 'currentUrl', pattern: '/demo/pricing' },
        { kind: 'timeOnPage', seconds: 30 },
      ],
      message: 'Comparing plans? I can help you pick the right tea set.',
      agentId: '',
      cap: { per: 'visit' },
    },
  });
  await saveInviteRule(ch, DEMO_SITE_ID, {
    ruleId: RULES.exitIntent,
    name: 'Leaving with items viewed',
    enabled: false,
    definition: {
      match: 'all',
      conditions: [{ kind: 'exitIntent' }, { kind: 'pagesViewed', count: 2 }],
      message: 'Before you go: any question about our teas?',
      agentId: '',
      cap: { per: 'visitor' },
    },
  });
}
