import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { realtimeBus } from '../../bus/bus.ts';
import {
  ALERT_AUDIENCE,
  ALERT_KINDS,
  alertSettingsSchema,
  BELL_DAYS,
  notifyPrefsSchema,
} from '../../contract/notify.ts';
import { can, canAccessSite } from '../../contract/roles.ts';
import {
  markAlertsRead,
  readAlertSettings,
  readNotifyPrefs,
  saveAlertSettings,
  saveNotifyPrefs,
} from '../../notify/notify-store.ts';
import { getUnreadAlerts } from '../../queries/unread-alerts.ts';
import { authedProcedure, router, siteProcedure } from '../init.ts';

// Alert settings are the managers' call (as invitation rules are); the bell is everyone's;
// alert mail and scheduled reports are each user's own choice.
const manager = siteProcedure('rules:manage');
const staff = siteProcedure('live:read');
const alertKey = z.string().min(1).max(200);

export const notifyRouter = router({
  alertSettings: manager.query(({ ctx, input }) => readAlertSettings(ctx.ch, input.siteId)),

  saveAlertSettings: manager.input(z.object({ settings: alertSettingsSchema })).mutation(async ({ ctx, input }) => {
    await saveAlertSettings(ctx.ch, input.siteId, input.settings);
    return { ok: true };
  }),

  /** The user's own alert mail and report choices, and whether their role gets reports at all. */
  prefs: authedProcedure().query(async ({ ctx }) => ({
    prefs: await readNotifyPrefs(ctx.ch, ctx.user.id),
    reports: can(ctx.user, 'reports:read'),
  })),

  savePrefs: authedProcedure()
    .input(notifyPrefsSchema)
    .mutation(async ({ ctx, input }) => {
      // Sites the user may not open are dropped rather than refused: access can change after a save.
      const reportSites = [...new Set(input.reportSites)].filter((s) => canAccessSite(ctx.user, s));
      await saveNotifyPrefs(ctx.ch, ctx.user.id, { ...input, reportSites });
      return { ok: true };
    }),

  /** "Send me a test report now": the server's scheduler builds it and queues it through the outbox. */
  testReport: siteProcedure('reports:read').mutation(({ ctx, input }) => {
    realtimeBus().publish('reportTest', { userId: ctx.user.id, siteId: input.siteId, requestId: randomUUID() });
    return { queued: true };
  }),

  markRead: staff.input(z.object({ keys: z.array(alertKey).min(1).max(200) })).mutation(async ({ ctx, input }) => {
    await markAlertsRead(ctx.ch, ctx.user.id, input.siteId, input.keys);
    realtimeBus().publish('alertsRead', { userId: ctx.user.id, siteId: input.siteId });
    return { ok: true };
  }),

  markAllRead: staff.mutation(async ({ ctx, input }) => {
    const unread = await getUnreadAlerts(ctx.ch, {
      siteIds: [input.siteId],
      userId: ctx.user.id,
      kinds: ALERT_KINDS.filter((k) => ALERT_AUDIENCE[k].includes(ctx.user.role)),
      since: Date.now() - BELL_DAYS * 86_400_000,
      limit: 1000,
    });
    await markAlertsRead(
      ctx.ch,
      ctx.user.id,
      input.siteId,
      unread.map((a) => a.key),
    );
    realtimeBus().publish('alertsRead', { userId: ctx.user.id, siteId: input.siteId });
    return { marked: unread.length };
  }),
});
