import { z } from 'zod';
import type { Role } from './roles.ts';

// Alerts (the notification bell and alert mail) and scheduled reports: what the settings
// pages, the hub and the server's notify room agree on.

export const ALERT_KINDS = [
  'traffic_spike',
  'traffic_drop',
  'visitor_waiting',
  'no_agent',
  'delivery_failing',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Who hears of each kind: those whose work it changes. */
export const ALERT_AUDIENCE: Record<AlertKind, readonly Role[]> = {
  traffic_spike: ['admin', 'manager', 'marketer'],
  traffic_drop: ['admin', 'manager', 'marketer'],
  visitor_waiting: ['admin', 'manager', 'agent'],
  no_agent: ['admin', 'manager'],
  delivery_failing: ['admin'],
};

/** Where the bell's entry leads: a site screen, or a settings page (leading `/`). */
export const ALERT_SCREEN: Record<AlertKind, string> = {
  traffic_spike: 'overview',
  traffic_drop: 'overview',
  visitor_waiting: 'chats',
  no_agent: 'staffing',
  delivery_failing: '/settings/mail',
};

/** One stored alert as the bell shows it; `figures` are what the kind's sentence needs. */
export interface AlertItem {
  key: string;
  siteId: string;
  kind: AlertKind;
  at: number;
  figures: Record<string, number>;
}

export const alertSettingsSchema = z.strictObject({
  /** This hour's page views against the same hour of the four weeks before, same weekday. */
  traffic: z.strictObject({
    enabled: z.boolean(),
    spikeFactor: z.number().min(1.5).max(100),
    dropFactor: z.number().min(0.01).max(0.9),
    /** Fewer page views than this (now or usually) say nothing either way. */
    minPageviews: z.number().int().min(1).max(10_000_000),
  }),
  waiting: z.strictObject({ enabled: z.boolean(), seconds: z.number().int().min(10).max(3600) }),
  /** An hour "usually has demand" when its chat requests average at least this per week (Staffing). */
  noAgent: z.strictObject({ enabled: z.boolean(), minRequests: z.number().min(0.1).max(100_000) }),
  delivery: z.strictObject({ enabled: z.boolean(), minutes: z.number().int().min(5).max(1440) }),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  traffic: { enabled: true, spikeFactor: 3, dropFactor: 0.3, minPageviews: 20 },
  waiting: { enabled: true, seconds: 120 },
  noAgent: { enabled: true, minRequests: 1 },
  delivery: { enabled: true, minutes: 30 },
};

export const REPORT_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
export const MAIL_LANGUAGES = ['en', 'zh'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** A user's own choices (Account page): alert mail, and the scheduled report. */
export const notifyPrefsSchema = z.strictObject({
  emailAlerts: z.boolean(),
  report: z.enum(REPORT_FREQUENCIES),
  reportSites: z.array(z.string().min(1).max(64)).max(200),
  language: z.enum(MAIL_LANGUAGES),
});
export type NotifyPrefs = z.infer<typeof notifyPrefsSchema>;

export const DEFAULT_NOTIFY_PREFS: NotifyPrefs = { emailAlerts: false, report: 'off', reportSites: [], language: 'en' };

/** The bell keeps this many unread alerts, newest first; older unread ones stay in the store. */
export const BELL_LIMIT = 50;
/** Unread alerts older than this are not shown again on connect. */
export const BELL_DAYS = 14;
