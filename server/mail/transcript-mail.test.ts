import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSummary } from '../contract/channels.ts';
import { transcriptMail } from './transcript-mail.ts';

const at = Date.UTC(2026, 11, 4, 6, 30);
const message = (seq: number, sender: ChatMessage['sender'], body: string, agentName = ''): ChatMessage => ({
  chatId: 'chat-transcript-1',
  seq,
  messageId: `m-${seq}`,
  sender,
  agentName,
  body,
  at,
});
const messages = [
  message(1, 'visitor', 'Hello?'),
  message(2, 'staff', 'Careful, this one asks for refunds', 'Boss'),
  message(3, 'system', 'transferred:Wang Fang'),
  message(4, 'agent', 'Hi, how can I help?', 'Wang Fang'),
];

describe('transcript mail', () => {
  it('leaves whispers and transfer notes out and says team lines in the mail language', () => {
    const request = {
      siteId: 'site-t',
      chat: { chatId: 'chat-transcript-1' } as ChatSummary,
      messages,
      to: 'li@customer.test',
    };
    const en = transcriptMail({ ...request, lang: 'en', timeZone: 'UTC' });
    expect(en.text).not.toContain('refunds');
    expect(en.html).not.toContain('refunds');
    expect(en.text).toContain('You are now talking to Wang Fang');
    expect(en.text).not.toContain('transferred:');
    expect(en.text).toContain('Hi, how can I help?');
    const zh = transcriptMail({ ...request, lang: 'zh', timeZone: 'Asia/Shanghai' });
    expect(zh.text).toContain('现在由 Wang Fang 为您服务');
    expect(zh.text).not.toContain('refunds');
  });
});
