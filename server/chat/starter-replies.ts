import type { ClickHouseClient } from '@clickhouse/client';
import { saveCannedReply } from './canned-replies.ts';

export interface StarterReply {
  shortcut: string;
  body: string;
}

const EN: StarterReply[] = [
  { shortcut: 'hello', body: 'Hello! Thanks for reaching out. How can I help you today?' },
  { shortcut: 'contact', body: 'So we can follow up, could you leave your email or phone number?' },
  { shortcut: 'bye', body: 'Thank you for chatting with us. Have a great day!' },
];

const ZH: StarterReply[] = [
  { shortcut: 'hello', body: '您好！感谢您的咨询，请问有什么可以帮您？' },
  { shortcut: 'contact', body: '方便留一下您的邮箱或手机号吗？我们会尽快跟进。' },
  { shortcut: 'bye', body: '感谢您的咨询，祝您生活愉快！' },
];

// A site has no language of its own; its time zone is the best hint of whom it serves.
const CHINESE_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'PRC',
]);

/** The replies a new site starts with: a greeting, a request for contact details and a closing line. */
export function starterReplies(timeZone: string): StarterReply[] {
  return CHINESE_ZONES.has(timeZone) ? ZH : EN;
}

/**
 * Called once, when an admin creates the site: a team's first chat should not wait for
 * someone to write replies. Only site creation calls it, so replies the team deletes
 * stay deleted.
 */
export async function addStarterReplies(
  client: ClickHouseClient,
  site: { id: string; timeZone: string },
): Promise<void> {
  for (const reply of starterReplies(site.timeZone)) await saveCannedReply(client, site.id, reply);
}
