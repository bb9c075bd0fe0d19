import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  siteMailSettingsSchema,
  smtpSettingsSchema,
  type SiteMailSettings,
  type SmtpSettings,
} from '../contract/mail.ts';
import { mailSettings } from '../queries/mail-settings.ts';

const SMTP_SCOPE = '';

function parse<T>(json: string | null, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): T | null {
  if (json === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data ?? null) : null;
  } catch {
    return null;
  }
}

async function save(ch: ClickHouseClient, siteId: string, settings: object): Promise<void> {
  await ch.insert({
    table: TABLES.mailSettings,
    values: [{ site_id: siteId, settings: JSON.stringify(settings), version: Date.now() }],
    format: 'JSONEachRow',
  });
}

/** The install's SMTP relay, password included (server side only); null until an admin set it. */
export async function readSmtp(ch: ClickHouseClient): Promise<SmtpSettings | null> {
  return parse(await mailSettings(ch, SMTP_SCOPE), smtpSettingsSchema);
}

/** Stores the relay; an empty password keeps the stored one (the page never sees it). */
export async function saveSmtp(ch: ClickHouseClient, next: SmtpSettings): Promise<void> {
  const kept = next.password === '' ? ((await readSmtp(ch))?.password ?? '') : next.password;
  await save(ch, SMTP_SCOPE, { ...next, password: kept });
}

const NO_SITE_MAIL: SiteMailSettings = { mailbox: null, notify: [] };

export async function readSiteMail(ch: ClickHouseClient, siteId: string): Promise<SiteMailSettings> {
  return parse(await mailSettings(ch, siteId), siteMailSettingsSchema) ?? NO_SITE_MAIL;
}

export async function saveSiteMail(ch: ClickHouseClient, siteId: string, next: SiteMailSettings): Promise<void> {
  let mailbox = next.mailbox;
  if (mailbox && mailbox.password === '')
    mailbox = { ...mailbox, password: (await readSiteMail(ch, siteId)).mailbox?.password ?? '' };
  await save(ch, siteId, { ...next, mailbox });
}

/** What the settings page may see: everything but passwords, which it only learns are set. */
export function withoutPassword<T extends { password: string }>(s: T): Omit<T, 'password'> & { passwordSet: boolean } {
  const { password, ...rest } = s;
  return { ...rest, passwordSet: password !== '' };
}
