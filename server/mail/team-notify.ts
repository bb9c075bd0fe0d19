import { createHash } from 'node:crypto';
import type { VisitorToServer } from '../contract/channels.ts';
import type { SiteMailSettings } from '../contract/mail.ts';
import type { OutgoingMail } from './outbox.ts';

export type Capture = Extract<VisitorToServer, { type: 'offline.message' | 'callback.request' }>;

/**
 * The mail that tells a site's team of an offline message or a callback request. Its
 * Reply-To is the site's mailbox, so a team member's reply comes back to LeadTrail, which
 * finds this mail by its Message-ID and carries the answer on to the visitor by email.
 * Without a mailbox the reply goes straight to the visitor's address, if they left one.
 */
export function teamNotice(
  siteId: string,
  visitorId: string,
  capture: Capture,
  settings: SiteMailSettings,
  at: number,
): { mail: OutgoingMail; visitorEmail: string } | null {
  if (settings.notify.length === 0) return null;
  const isCallback = capture.type === 'callback.request';
  const name = capture.name || capture.phone || 'a visitor';
  const visitorEmail = capture.type === 'offline.message' ? (capture.email ?? '') : '';
  const key = createHash('sha256')
    .update([siteId, visitorId, capture.type, at, JSON.stringify(capture)].join('\u0000'))
    .digest('hex')
    .slice(0, 24);
  const own = settings.mailbox?.enabled ? settings.mailbox.address : '';
  const lines = [
    isCallback ? `${name} asked to be called back.` : `${name} left a message while nobody could chat.`,
    '',
    `Name: ${capture.name || '-'}`,
    `Phone: ${capture.phone || '-'}`,
    ...(isCallback ? [`Call at: ${capture.at}`] : [`Email: ${visitorEmail || '-'}`, '', capture.message]),
    '',
    own && visitorEmail ? 'Reply to this mail to answer the visitor by email.' : '',
  ];
  return {
    visitorEmail,
    mail: {
      id: `notify-${key}`,
      kind: 'notify',
      siteId,
      to: settings.notify,
      replyTo: own || visitorEmail || undefined,
      subject: isCallback ? `Callback request: ${name}` : `Offline message from ${name}`,
      text: lines.join('\n').trim(),
      messageId: `<notify.${key}@${(own || 'leadtrail.local').split('@')[1] ?? 'leadtrail.local'}>`,
    },
  };
}
