import { createHash } from 'node:crypto';
import type { TranscriptRequest } from '../chat/chat-attachments.ts';
import type { ChatMessage } from '../contract/channels.ts';
import { teamLine } from '../contract/team-lines.ts';
import type { OutgoingMail } from './outbox.ts';

// A chat's transcript as a mail to the visitor: text and HTML, in the widget's language,
// times on the site's clock. One mail per chat and address: asking again is the same fact,
// so the outbox keeps the first (a double click, a retry, a replay send one mail).

const WORDS = {
  en: {
    subject: 'Your chat transcript',
    intro: 'Here is the transcript of your chat.',
    you: 'You',
    agent: 'Agent',
    robot: 'Assistant',
    system: 'Notice',
    file: 'File',
    zone: 'Times are in',
    transferred: (name: string) => `You are now talking to ${name}`,
    joined: (name: string) => `${name} joined the chat`,
  },
  zh: {
    subject: '您的聊天记录',
    intro: '以下是您的聊天记录。',
    you: '您',
    agent: '客服',
    robot: '智能助手',
    system: '通知',
    file: '文件',
    zone: '时间均为',
    transferred: (name: string) => `现在由 ${name} 为您服务`,
    joined: (name: string) => `${name} 加入了会话`,
  },
} as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function who(m: ChatMessage, w: (typeof WORDS)['en' | 'zh']): string {
  if (m.sender === 'visitor') return w.you;
  if (m.sender === 'system') return w.system;
  return m.agentName || (m.sender === 'robot' ? w.robot : w.agent);
}

/** A transfer or a join is a code in the transcript (team-lines.ts): said in the mail's language. */
function said(m: ChatMessage, w: (typeof WORDS)['en' | 'zh']): string {
  const line = m.sender === 'system' ? teamLine(m.body) : null;
  return line ? w[line.kind](line.name) : m.body;
}

export function transcriptMail(r: TranscriptRequest): OutgoingMail {
  const w = WORDS[r.lang];
  const clock = new Intl.DateTimeFormat(r.lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: r.timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  // Whispers and transfer notes are for staff: never in the visitor's mail.
  const lines = r.messages
    .filter((m) => m.sender !== 'staff')
    .map((m) => ({
      at: clock.format(m.at),
      who: who(m, w),
      text: m.file ? `[${w.file}: ${m.file.name}, ${Math.max(1, Math.round(m.file.size / 1024))} KB]` : said(m, w),
    }));
  const key = createHash('sha256').update(`${r.siteId}\u0000${r.chat.chatId}\u0000${r.to}`).digest('hex').slice(0, 24);
  const zone = `${w.zone} ${r.timeZone}`;
  const text = [w.intro, '', ...lines.map((l) => `[${l.at}] ${l.who}: ${l.text}`), '', zone].join('\n');
  const rows = lines
    .map(
      (l) =>
        `<tr><td style="color:#888;white-space:nowrap;vertical-align:top;padding:4px 8px">${escapeHtml(l.at)}</td>` +
        `<td style="vertical-align:top;padding:4px 8px"><b>${escapeHtml(l.who)}</b><br>${escapeHtml(l.text).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="${r.lang === 'zh' ? 'zh-CN' : 'en'}"><body style="font-family:sans-serif">` +
    `<p>${escapeHtml(w.intro)}</p><table style="border-collapse:collapse">${rows}</table>` +
    `<p style="color:#888">${escapeHtml(zone)}</p></body></html>`;
  return {
    id: `transcript-${key}`,
    kind: 'transcript',
    siteId: r.siteId,
    to: [r.to],
    subject: w.subject,
    text,
    html,
    messageId: `<transcript.${key}@leadtrail.local>`,
  };
}
