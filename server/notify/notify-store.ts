import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  alertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  DEFAULT_NOTIFY_PREFS,
  notifyPrefsSchema,
  type AlertItem,
  type AlertSettings,
  type NotifyPrefs,
} from '../contract/notify.ts';
import { getNotifySettings } from '../queries/notify-settings.ts';

// Alert settings per site, alert mail and report choices per user, stored alerts and read
// marks. Settings are small JSON rows, newest version wins; a row that no longer parses
// (a field renamed since) falls back to the defaults rather than failing the page.

function parse<T>(
  json: string | undefined,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
): T | null {
  if (json === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data ?? null) : null;
  } catch {
    return null;
  }
}

async function save(ch: ClickHouseClient, scope: string, settings: object): Promise<void> {
  await ch.insert({
    table: TABLES.notifySettings,
    values: [{ scope, settings: JSON.stringify(settings), version: Date.now() }],
    format: 'JSONEachRow',
  });
}

/** A site's stored alert settings JSON as settings (the defaults when none, or unreadable). */
export function parseAlertSettings(json: string | undefined): AlertSettings {
  return parse(json, alertSettingsSchema) ?? DEFAULT_ALERT_SETTINGS;
}

export async function readAlertSettings(ch: ClickHouseClient, siteId: string): Promise<AlertSettings> {
  const scope = `site:${siteId}`;
  return parseAlertSettings((await getNotifySettings(ch, scope)).get(scope));
}

export async function saveAlertSettings(ch: ClickHouseClient, siteId: string, s: AlertSettings): Promise<void> {
  await save(ch, `site:${siteId}`, s);
}

export async function readNotifyPrefs(ch: ClickHouseClient, userId: string): Promise<NotifyPrefs> {
  const scope = `user:${userId}`;
  return parse((await getNotifySettings(ch, scope)).get(scope), notifyPrefsSchema) ?? DEFAULT_NOTIFY_PREFS;
}

/** Every user's choices that were ever saved (users never saved have the defaults: nothing mailed). */
export async function readAllNotifyPrefs(ch: ClickHouseClient): Promise<Map<string, NotifyPrefs>> {
  const out = new Map<string, NotifyPrefs>();
  for (const [scope, json] of await getNotifySettings(ch, 'user:')) {
    const prefs = parse(json, notifyPrefsSchema);
    if (prefs) out.set(scope.slice('user:'.length), prefs);
  }
  return out;
}

export async function saveNotifyPrefs(ch: ClickHouseClient, userId: string, p: NotifyPrefs): Promise<void> {
  await save(ch, `user:${userId}`, p);
}

export async function storeAlert(ch: ClickHouseClient, a: AlertItem): Promise<void> {
  await ch.insert({
    table: TABLES.alerts,
    values: [
      { site_id: a.siteId, alert_key: a.key, kind: a.kind, at: a.at, figures: JSON.stringify(a.figures), version: 1 },
    ],
    format: 'JSONEachRow',
  });
}

export async function markAlertsRead(ch: ClickHouseClient, userId: string, siteId: string, keys: string[]) {
  if (keys.length === 0) return;
  const at = Date.now();
  await ch.insert({
    table: TABLES.alertReads,
    values: keys.map((k) => ({ user_id: userId, site_id: siteId, alert_key: k, read_at: at })),
    format: 'JSONEachRow',
  });
}
