import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { InvalidError } from '../../contract/errors.ts';
import { siteMailSettingsSchema, smtpSettingsSchema } from '../../contract/mail.ts';
import { mailRuntime } from '../../mail/mail-runtime.ts';
import { readSiteMail, readSmtp, saveSiteMail, saveSmtp, withoutPassword } from '../../mail/mail-settings-store.ts';
import { authedProcedure, router, siteProcedure } from '../init.ts';

// Mail settings hold passwords and decide who the product writes to: admins only.
const admin = authedProcedure('admin:sites');
const siteAdmin = siteProcedure('admin:sites');
/** How long the page waits for the test message's first attempt before it says "queued". */
const TEST_WAIT_MS = 20_000;

export const mailRouter = router({
  smtp: admin.query(async ({ ctx }) => {
    const smtp = await readSmtp(ctx.ch);
    return smtp && withoutPassword(smtp);
  }),

  saveSmtp: admin.input(smtpSettingsSchema).mutation(async ({ ctx, input }) => {
    await saveSmtp(ctx.ch, input);
    return { ok: true };
  }),

  /** Sends a test message through the outbox, as any mail goes, and says how its first attempt went. */
  sendTest: admin.input(z.object({ to: z.email().max(254) })).mutation(async ({ ctx, input }) => {
    const outbox = mailRuntime().outbox;
    const smtp = await readSmtp(ctx.ch);
    if (!outbox) throw new InvalidError('mail is not running in this process');
    if (!smtp) throw new InvalidError('save the SMTP settings first');
    const id = `test-${randomUUID()}`;
    const result = new Promise<{ ok: boolean; error: string; queued: boolean }>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: '', queued: true }), TEST_WAIT_MS);
      const stop = outbox.onResult((sent, r) => {
        if (sent !== id) return;
        clearTimeout(timer);
        stop();
        resolve(r.ok ? { ok: true, error: '', queued: false } : { ok: false, error: r.error, queued: true });
      });
    });
    outbox.queue({
      id,
      kind: 'test',
      siteId: '',
      to: [input.to],
      subject: 'LeadTrail test message',
      text: 'This message shows that LeadTrail can send mail through your SMTP relay.',
      messageId: `<${id}@${smtp.from.split('@')[1] ?? 'leadtrail.local'}>`,
    });
    return result;
  }),

  site: siteAdmin.query(async ({ ctx, input }) => {
    const s = await readSiteMail(ctx.ch, input.siteId);
    return { notify: s.notify, mailbox: s.mailbox && withoutPassword(s.mailbox) };
  }),

  saveSite: siteAdmin.input(z.object({ settings: siteMailSettingsSchema })).mutation(async ({ ctx, input }) => {
    await saveSiteMail(ctx.ch, input.siteId, input.settings);
    return { ok: true };
  }),

  /** Reads every mailbox now instead of at the next poll (after saving a mailbox, to see it work). */
  checkNow: admin.mutation(async () => {
    const poller = mailRuntime().poller;
    if (!poller) throw new InvalidError('mail is not running in this process');
    const report = await poller.pollNow();
    return { messages: report.length };
  }),
});
