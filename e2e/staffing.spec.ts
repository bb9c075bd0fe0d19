import { expect, test } from './support/test';
import type { EventRow } from '../clickhouse/rows';
import { agentsNeeded } from '../server/staffing/erlang-c';
import { fixture, signIn } from './support/session';

const SITE = 'fixture-a';
const TZ = 'Asia/Shanghai';
const decimal = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Weekday (Monday = 1), hour and day of an instant in the site's time zone. */
function local(ts: number) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TZ,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ts);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return {
    weekday: WEEKDAYS.indexOf(get('weekday')) + 1,
    hour: Number(get('hour')),
    day: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

/** How often each weekday occurs in the 90 local days ending today. */
function weeksIn90Days(): number[] {
  const weeks = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 90; i++) weeks[local(Date.now() - i * 86_400_000).weekday - 1]! += 1;
  return weeks;
}

/** The busiest weekday × hour by `count`, with its total. */
function busiest(events: EventRow[], count: (rows: EventRow[]) => number) {
  const cells = new Map<string, EventRow[]>();
  for (const e of events) {
    const l = local(e.ts);
    cells.set(`${l.weekday}-${l.hour}`, [...(cells.get(`${l.weekday}-${l.hour}`) ?? []), e]);
  }
  const [key, rows] = [...cells].sort((a, b) => count(b[1]) - count(a[1]))[0]!;
  const [weekday, hour] = key.split('-').map(Number) as [number, number];
  return { weekday, hour, total: count(rows) };
}

test('heatmap cells equal the fixture per weekday and hour; the planner answers a changed target', async ({ page }) => {
  const events = fixture().events.filter((e) => e.site_id === SITE);
  const weeks = weeksIn90Days();
  // Visitors: distinct per local day-hour, added up over the days.
  const visitors = busiest(events, (rows) => new Set(rows.map((e) => `${local(e.ts).day}|${e.visitor_id}`)).size);
  const requests = busiest(events, (rows) => rows.filter((e) => e.type === 'chat_requested').length);

  await signIn(page);
  await page.goto(`/s/${SITE}/staffing?range=90d`);
  const heat = (c: { weekday: number; hour: number }) => page.getByTestId(`heat-${c.weekday}-${c.hour}`);
  await expect(heat(visitors)).toHaveText(decimal(visitors.total / weeks[visitors.weekday - 1]!));
  await page.getByTestId('heat-metric').getByText('Chat requests').click();
  await expect(heat(requests)).toHaveText(decimal(requests.total / weeks[requests.weekday - 1]!));
  await heat(requests).hover();
  await expect(page.getByRole('tooltip')).toContainText(`Total in the period: ${requests.total}`);
  await expect(page.getByTestId('plan-method')).toContainText('Estimate using Erlang C adapted for concurrency');

  // A slow, one-chat-at-a-time team: the tighter target needs more agents in that hour.
  const cell = page.getByTestId(`plan-${requests.weekday}-${requests.hour}`);
  const expected = (targetPercent: number, targetSeconds: number) =>
    String(
      agentsNeeded({
        chatsPerHour: requests.total / weeks[requests.weekday - 1]!,
        ahtSeconds: 3600,
        concurrency: 1,
        targetPercent,
        targetSeconds,
      }).agents,
    );
  await page.getByLabel('Chats per agent at once', { exact: true }).fill('1');
  await page.getByLabel('Handling time', { exact: true }).fill('3600');
  await expect(cell).toHaveAttribute('data-needed', expected(80, 20));
  await page.getByLabel('Answer', { exact: true }).fill('99');
  await page.getByLabel('of chats within', { exact: true }).fill('5');
  await expect(cell).toHaveAttribute('data-needed', expected(99, 5));
  expect(expected(99, 5)).not.toBe(expected(80, 20));
  await expect(page.getByTestId('busiest-answer')).toContainText(/Busiest hour: .+ — \d+ agents? needed/);
  // The counts are numbers to the message, so the nouns agree with them ("1 agent seen", "0.75 agents seen").
  const detail = /^([\d.,]+) (chat requests?) per hour on average, ([\d.,]+) (agents?) seen; /.exec(
    (await page.getByTestId('busiest-detail').textContent()) ?? '',
  );
  expect(detail).not.toBeNull();
  expect(detail![2]).toBe(detail![1] === '1' ? 'chat request' : 'chat requests');
  expect(detail![4]).toBe(detail![3] === '1' ? 'agent' : 'agents');
});
