import { describe, expect, it } from 'vitest';
import { asksForPerson } from './handover-phrases.ts';

describe('asking for a person', () => {
  it('hears the usual ways, in either language and any width or script', () => {
    for (const text of [
      '人工',
      '转人工',
      '轉人工',
      '我要转人工！',
      '人工客服在吗',
      'ＨＵＭＡＮ',
      'human',
      'Agent please',
      'real person',
      'Can I talk to a human about my order?',
      'I need to speak to someone',
      'customer service',
    ])
      expect(asksForPerson(text), text).toBe(true);
  });

  it('leaves questions that only mention the words', () => {
    for (const text of [
      '人工智能推荐的尺码准吗',
      'What does the shipping agent charge for a parcel to Canada?',
      'Is this shirt made for a person over two metres tall?',
      '怎么退货',
      'When will my parcel arrive?',
    ])
      expect(asksForPerson(text), text).toBe(false);
  });
});
