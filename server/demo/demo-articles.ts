import type { KbLanguage } from '../contract/kb.ts';
import { DEMO_ARTICLES_EN } from './demo-articles-en.ts';
import { DEMO_ARTICLES_ZH } from './demo-articles-zh.ts';

/** A help article of the demo shop, and how the history's visitors asked the robot for it. */
export interface DemoArticle {
  question: string;
  alternates: string[];
  answer: string;
  category: string;
  /** A page of the demo shop (`/demo/…`) where the visitor does it themselves, or ''. */
  selfServicePath: string;
  /** Visitors' own words in the history's robot chats (paraphrases, not part of the article). */
  asks: string[];
}

export const DEMO_ARTICLES: Record<KbLanguage, DemoArticle[]> = { en: DEMO_ARTICLES_EN, zh: DEMO_ARTICLES_ZH };

/**
 * Questions the knowledge base has no article for: the robot declines them, and they recur,
 * so the Robot report's unanswered list shows what an admin should write next.
 */
export const DEMO_UNANSWERED: Record<KbLanguage, string[]> = {
  en: [
    'do you sell matcha?',
    'can i pick up my order in person?',
    'do you sell bubble tea',
    'are you hiring',
    'do you sell coffee beans',
  ],
  zh: ['有抹茶吗', '可以到店自提吗', '北京有实体店吗', '有没有茶叶订阅', '有奶茶吗'],
};

/** The articles as a knowledge-base import file (JSON), self-service links on the shop at `shopBase`. */
export function demoImportFile(language: KbLanguage, shopBase: string): string {
  return JSON.stringify(
    DEMO_ARTICLES[language].map((a) => ({
      question: a.question,
      alternates: a.alternates,
      answer: a.answer,
      category: a.category,
      language,
      selfServiceUrl: a.selfServicePath ? new URL(a.selfServicePath, shopBase).href : '',
      enabled: true,
    })),
  );
}
