// The robot's own sentences, in the widget's language. Everything else it says is an
// article's answer, word for word: it never makes up content.

type Lang = 'en' | 'zh';

const TEXT = {
  en: {
    declineQueue:
      "Sorry, I couldn't find an answer to that. Tap “Talk to a person” and someone from our team will take over.",
    declineOffline:
      "Sorry, I couldn't find an answer to that, and no one from our team is available right now. You can leave a message or ask us to call you back.",
    handover: 'Connecting you to a person. They will see our conversation so far.',
    offline:
      'No one from our team is available right now. Leave a message or ask us to call you back, and we will get back to you.',
    // A customer on WeChat or an app has no button and no form: they reply, and wait in the queue.
    channelDecline: "Sorry, I couldn't find an answer to that. Reply “human” to talk to a person.",
    channelQueued:
      'No one from our team is available right now. Your conversation is in our queue, and a person will answer here.',
  },
  zh: {
    declineQueue: '抱歉，我没有找到这个问题的答案。点击“转人工”，我们的客服会接手。',
    declineOffline: '抱歉，我没有找到这个问题的答案，目前客服也不在线。您可以留言或预约回电。',
    handover: '正在为您转接人工客服，客服会看到我们之前的对话。',
    offline: '目前客服不在线。您可以留言或预约回电，我们会尽快联系您。',
    channelDecline: '抱歉，我没有找到这个问题的答案。回复“人工”转接人工客服。',
    channelQueued: '目前客服不在线。您的对话已在排队，客服会在这里回复您。',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type RobotSentence = keyof (typeof TEXT)['en'];

export function robotText(lang: Lang | undefined, sentence: RobotSentence): string {
  return TEXT[lang ?? 'en'][sentence];
}
