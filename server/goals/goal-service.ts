import type { ClickHouseClient } from '@clickhouse/client';
import { randomBytes } from 'node:crypto';
import { TABLES } from '../../clickhouse/tables.ts';
import { ConflictError, NotFoundError } from '../contract/errors.ts';
import { funnelInput, type Funnel, type FunnelInput } from '../contract/funnels.ts';
import { goalInput, type Goal, type GoalInput } from '../contract/goals.ts';
import { listFunnels } from '../queries/list-funnels.ts';
import { listGoals } from '../queries/list-goals.ts';

// Goals and saved funnels are small per-site lists: each edit or deletion appends a newer
// version (ReplacingMergeTree), which the list reads take FINAL.

const newKey = (prefix: 'gl' | 'fn') =>
  `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 14)}`;

// Two saves in one millisecond must still order: the version never repeats in this process.
let lastVersion = 0;
const nextVersion = () => (lastVersion = Math.max(Date.now(), lastVersion + 1));

async function writeGoal(client: ClickHouseClient, siteId: string, goal: Goal, deleted: boolean): Promise<void> {
  const d = goal.definition;
  await client.insert({
    table: TABLES.goals,
    values: [
      {
        site_id: siteId,
        goal_id: goal.goalId,
        name: goal.name,
        kind: d.kind,
        pattern: d.kind === 'page' ? d.pattern : '',
        event_name: d.kind === 'event' ? d.eventName : '',
        prop_key: d.kind === 'event' ? d.propKey : '',
        prop_value: d.kind === 'event' ? d.propValue : '',
        version: nextVersion(),
        is_deleted: deleted ? 1 : 0,
      },
    ],
    format: 'JSONEachRow',
  });
}

/** Creates or edits a goal. Names are unique per site, compared without case. */
export async function saveGoal(client: ClickHouseClient, siteId: string, raw: GoalInput): Promise<Goal> {
  const input = goalInput.parse(raw);
  const goals = await listGoals(client, siteId);
  if (input.goalId !== undefined && !goals.some((g) => g.goalId === input.goalId))
    throw new NotFoundError('No such goal');
  if (goals.some((g) => g.name.toLowerCase() === input.name.toLowerCase() && g.goalId !== input.goalId))
    throw new ConflictError(`A goal named ${input.name} exists already`);
  const goal: Goal = { goalId: input.goalId ?? newKey('gl'), name: input.name, definition: input.definition };
  await writeGoal(client, siteId, goal, false);
  return goal;
}

export async function removeGoal(client: ClickHouseClient, siteId: string, goalId: string): Promise<void> {
  const goal = (await listGoals(client, siteId)).find((g) => g.goalId === goalId);
  if (!goal) throw new NotFoundError('No such goal');
  await writeGoal(client, siteId, goal, true);
}

async function writeFunnel(client: ClickHouseClient, siteId: string, funnel: Funnel, deleted: boolean): Promise<void> {
  await client.insert({
    table: TABLES.funnels,
    values: [
      {
        site_id: siteId,
        funnel_id: funnel.funnelId,
        name: funnel.name,
        window_mode: funnel.definition.windowMode,
        window_days: funnel.definition.windowDays,
        steps: JSON.stringify(funnel.definition.steps),
        version: nextVersion(),
        is_deleted: deleted ? 1 : 0,
      },
    ],
    format: 'JSONEachRow',
  });
}

/** Creates or edits a saved funnel. Names are unique per site, compared without case. */
export async function saveFunnel(client: ClickHouseClient, siteId: string, raw: FunnelInput): Promise<Funnel> {
  const input = funnelInput.parse(raw);
  const funnels = await listFunnels(client, siteId);
  if (input.funnelId !== undefined && !funnels.some((f) => f.funnelId === input.funnelId))
    throw new NotFoundError('No such funnel');
  if (funnels.some((f) => f.name.toLowerCase() === input.name.toLowerCase() && f.funnelId !== input.funnelId))
    throw new ConflictError(`A funnel named ${input.name} exists already`);
  const funnel: Funnel = { funnelId: input.funnelId ?? newKey('fn'), name: input.name, definition: input.definition };
  await writeFunnel(client, siteId, funnel, false);
  return funnel;
}

export async function removeFunnel(client: ClickHouseClient, siteId: string, funnelId: string): Promise<void> {
  const funnel = (await listFunnels(client, siteId)).find((f) => f.funnelId === funnelId);
  if (!funnel) throw new NotFoundError('No such funnel');
  await writeFunnel(client, siteId, funnel, true);
}
