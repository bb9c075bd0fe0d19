import { z } from 'zod';

/** How a mail connection is secured: TLS from the first byte (465, 993), STARTTLS, or none (loopback relays). */
export const MAIL_SECURITY = ['tls', 'starttls', 'none'] as const;

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);
const address = z.email().max(254);

/** The install's SMTP relay: every outgoing mail goes through it (server/mail/outbox.ts). */
export const smtpSettingsSchema = z.object({
  host,
  port,
  security: z.enum(MAIL_SECURITY),
  user: z.string().max(254),
  /** Write-only: '' on save keeps the stored one. */
  password: z.string().max(500),
  from: address,
  fromName: z.string().max(100).default('LeadTrail'),
});
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

/** A site's mailbox: customers write to `address`; LeadTrail reads INBOX over IMAP. */
export const mailboxSettingsSchema = z.object({
  enabled: z.boolean(),
  address,
  host,
  port,
  security: z.enum(MAIL_SECURITY),
  user: z.string().min(1).max(254),
  /** Write-only: '' on save keeps the stored one. */
  password: z.string().max(500),
});
export type MailboxSettings = z.infer<typeof mailboxSettingsSchema>;

/** A site's mail: its mailbox and who hears of offline messages and callback requests. */
export const siteMailSettingsSchema = z.object({
  mailbox: mailboxSettingsSchema.nullable(),
  notify: z.array(address).max(20),
});
export type SiteMailSettings = z.infer<typeof siteMailSettingsSchema>;

/** What a mail in the outbox is for; the outbox treats them alike. */
export const MAIL_KINDS = ['reply', 'notify', 'transcript', 'test', 'alert', 'report'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
