import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { NotFoundError } from '../contract/errors.ts';
import { saveWebhookInput, type SaveWebhookInput } from '../contract/webhooks.ts';
import { listWebhookSubscriptions, type WebhookSubscription } from '../queries/webhook-subscriptions.ts';
import { newId } from '../sites/site-service.ts';
import { realtimeBus } from '../bus/bus.ts';

export class WebhookNotFoundError extends NotFoundError {
  constructor(readonly subscriptionId: string) {
    super('No such webhook');
  }
}

/** What the dashboard may see of a subscription: everything but the secret. */
export type PublicWebhook = Omit<WebhookSubscription, 'secret' | 'version'>;

export function publicWebhook({ secret: _secret, version: _version, ...rest }: WebhookSubscription): PublicWebhook {
  return rest;
}

// ReplacingMergeTree keeps the highest version: versions only grow, even within a millisecond.
let lastVersion = 0;
function nextVersion(stored: WebhookSubscription | undefined): number {
  lastVersion = Math.max(Date.now(), lastVersion + 1, (stored?.version ?? 0) + 1);
  return lastVersion;
}

async function write(
  client: ClickHouseClient,
  siteId: string,
  sub: Omit<WebhookSubscription, 'version'>,
  version: number,
  deleted: boolean,
): Promise<void> {
  await client.insert({
    table: TABLES.webhookSubscriptions,
    values: [
      {
        site_id: siteId,
        subscription_id: sub.subscriptionId,
        url: sub.url,
        events: sub.events,
        secret: sub.secret,
        enabled: sub.enabled ? 1 : 0,
        deleted: deleted ? 1 : 0,
        created_at: sub.createdAt,
        version,
      },
    ],
    format: 'JSONEachRow',
  });
}

/** Creates or edits a subscription. A new one gets its secret, returned this once. */
export async function saveWebhook(
  client: ClickHouseClient,
  siteId: string,
  raw: SaveWebhookInput,
): Promise<{ subscriptionId: string; secret: string | null }> {
  const input = saveWebhookInput.parse(raw);
  const stored = input.subscriptionId
    ? (await listWebhookSubscriptions(client, siteId)).find((s) => s.subscriptionId === input.subscriptionId)
    : undefined;
  if (input.subscriptionId && !stored) throw new WebhookNotFoundError(input.subscriptionId);
  const secret = stored?.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const subscriptionId = stored?.subscriptionId ?? `wh_${newId(16)}`;
  await write(
    client,
    siteId,
    {
      subscriptionId,
      url: input.url,
      events: input.events,
      secret,
      enabled: input.enabled,
      createdAt: stored?.createdAt ?? Date.now(),
    },
    nextVersion(stored),
    false,
  );
  return { subscriptionId, secret: stored ? null : secret };
}

export async function removeWebhook(client: ClickHouseClient, siteId: string, subscriptionId: string): Promise<void> {
  const stored = (await listWebhookSubscriptions(client, siteId)).find((s) => s.subscriptionId === subscriptionId);
  if (!stored) throw new WebhookNotFoundError(subscriptionId);
  await write(client, siteId, stored, nextVersion(stored), true);
}

/**
 * Asks the server's outbox (through the bus: tRPC runs inside Next) to send a test event, or
 * a logged event again (`eventId`), to one subscription. Answers once the request is handed over.
 */
export async function requestWebhookSend(
  client: ClickHouseClient,
  siteId: string,
  subscriptionId: string,
  eventId: string | null,
): Promise<void> {
  const stored = (await listWebhookSubscriptions(client, siteId)).find((s) => s.subscriptionId === subscriptionId);
  if (!stored) throw new WebhookNotFoundError(subscriptionId);
  realtimeBus().publish('webhookSend', { siteId, subscriptionId, eventId });
}
