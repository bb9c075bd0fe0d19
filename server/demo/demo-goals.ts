import type { ClickHouseClient } from '@clickhouse/client';
import type { FunnelInput } from '../contract/funnels.ts';
import type { GoalInput } from '../contract/goals.ts';
import { saveFunnel, saveGoal } from '../goals/goal-service.ts';
import { DEMO_SITE_ID } from './demo-site.ts';

// The history's paths are the shop's own (/checkout); a visitor browsing the demo shop now is
// under /demo/ (/demo/checkout). A leading * lets one goal count both.
export const GOALS = {
  cart: { name: 'Added to cart', definition: { kind: 'event', eventName: 'add_to_cart' } },
  newsletter: { name: 'Newsletter signup', definition: { kind: 'event', eventName: 'newsletter_signup' } },
  checkout: { name: 'Reached checkout', definition: { kind: 'page', pattern: '*/checkout' } },
  pricing: { name: 'Viewed pricing', definition: { kind: 'page', pattern: '*/pricing' } },
} satisfies Record<string, GoalInput>;

/**
 * Goals and saved funnels over what the demo history holds (its custom events and pages), so a
 * first look at Goals, Funnels and the goal columns shows figures. Saved once, with the history.
 */
export async function saveDemoGoals(ch: ClickHouseClient): Promise<void> {
  const save = async (goal: GoalInput) => (await saveGoal(ch, DEMO_SITE_ID, goal)).goalId;
  const cart = await save(GOALS.cart);
  await save(GOALS.newsletter);
  const checkout = await save(GOALS.checkout);
  const pricing = await save(GOALS.pricing);
  const funnels: FunnelInput[] = [
    {
      name: 'Product to checkout',
      definition: {
        windowMode: 'session',
        steps: [
          { kind: 'page', config: { pattern: '*/products*' } },
          { kind: 'goal', config: { goalId: cart } },
          { kind: 'goal', config: { goalId: checkout } },
          { kind: 'order' },
        ],
      },
    },
    {
      name: 'Pricing, chat, order',
      definition: {
        windowMode: 'days',
        windowDays: 30,
        steps: [{ kind: 'goal', config: { goalId: pricing } }, { kind: 'chat' }, { kind: 'lead' }, { kind: 'order' }],
      },
    },
  ];
  for (const funnel of funnels) await saveFunnel(ch, DEMO_SITE_ID, funnel);
}
