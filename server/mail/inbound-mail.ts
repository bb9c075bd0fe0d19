import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { cleanText } from '../text/clean-text.ts';

/** Why a mail opens no conversation. */
export type SkipReason = 'auto_reply' | 'bounce' | 'no_sender' | 'from_self';

export interface InboundAttachment {
  name: string;
  type: string;
  size: number;
  content: Buffer;
}

export interface InboundMail {
  messageId: string;
  /** In-Reply-To then References, newest first: where a reply belongs. */
  thread: string[];
  from: { address: string; name: string };
  subject: string;
  /** The new text, the quoted history folded away. */
  body: string;
  attachments: InboundAttachment[];
}

/** Attachment types a customer may send: documents and images, nothing that runs. */
const ALLOWED_TYPES = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|text\/csv)$/;

/**
 * One fetched mail as a customer's message, or why it is not one. Auto-replies and
 * delivery reports (RFC 3834 Auto-Submitted, Precedence, multipart/report DSNs, mailer
 * daemons) open nothing: answering them would loop.
 */
export async function readInboundMail(raw: Buffer): Promise<InboundMail | { skip: SkipReason }> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const skip = automatic(mail);
  if (skip) return { skip };
  const from = mail.from?.value[0];
  if (!from?.address) return { skip: 'no_sender' };
  const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  const thread = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...references].reverse()];
  return {
    // A mail without a Message-ID is still one mail: its bytes name it, so a refetch is stored once.
    messageId: mail.messageId ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@leadtrail.invalid>`,
    thread: [...new Set(thread.map((id) => id.trim()).filter(Boolean))],
    from: { address: from.address.toLowerCase(), name: cleanText(from.name || '').slice(0, 200) },
    subject: cleanText(mail.subject ?? '').slice(0, 300),
    body: foldQuoted(cleanText(mail.text ?? htmlToText(typeof mail.html === 'string' ? mail.html : ''))).slice(
      0,
      20_000,
    ),
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || !a.contentType.startsWith('text/'))
      .map((a) => ({
        name: cleanText(a.filename ?? 'attachment').slice(0, 200),
        type: a.contentType.toLowerCase(),
        size: a.size,
        content: a.content,
      })),
  };
}

function automatic(mail: ParsedMail): SkipReason | null {
  // Structured headers (Content-Type) parse to { value, params }; the rest are strings.
  const h = (name: string): string => {
    const v: unknown = mail.headers.get(name);
    if (typeof v === 'string') return v.toLowerCase();
    const value: unknown = v && typeof v === 'object' && 'value' in v ? v.value : '';
    return typeof value === 'string' ? value.toLowerCase() : '';
  };
  const type = h('content-type');
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (type.startsWith('multipart/report') || /^(mailer-daemon|postmaster)@/.test(from)) return 'bounce';
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return 'auto_reply';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h('precedence'))) return 'auto_reply';
  if (
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    mail.headers.has('x-auto-response-suppress')
  )
    return 'auto_reply';
  return null;
}

/** Visible text of an HTML-only mail: sanitize-html keeps no tag, so no markup or script reaches the console. */
export function htmlToText(html: string): string {
  const spaced = html.replace(/<\s*(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n');
  return sanitizeHtml(spaced, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'head', 'title'],
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// "On Tue, … wrote:" / "在 … 写道：" and Outlook's separator start the quoted history.
const QUOTE_HEADER = /^(on\b.+wrote:|在.+写道[:：]|-{2,}\s*original message\s*-{2,}|_{5,})\s*$/i;

/** The new part of a reply: the quoted history below it (">" lines, "On … wrote:") is folded away. */
export function foldQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const joined = `${line} ${lines[i + 1] ?? ''}`.trim();
    if (QUOTE_HEADER.test(line.trim()) || (line.trim().startsWith('On ') && QUOTE_HEADER.test(joined))) break;
    if (line.startsWith('>')) continue;
    out.push(line);
  }
  const folded = out.join('\n').trim();
  return folded || text.trim();
}

/** Whether an attachment may be kept: its type is allowed and it fits. */
export function attachmentRefusal(a: InboundAttachment, maxBytes: number): 'too_large' | 'type' | null {
  if (a.size > maxBytes) return 'too_large';
  return ALLOWED_TYPES.test(a.type) ? null : 'type';
}
