import type { ClickHouseClient } from '@clickhouse/client';
import { KB_LANGUAGES, type KbArticle, type KbLanguage } from '../contract/kb.ts';
import { importKbArticles } from '../kb/kb-articles.ts';
import { listKbArticles } from '../queries/kb-articles.ts';
import { DEMO_ARTICLES, DEMO_UNANSWERED, demoImportFile } from './demo-articles.ts';

/** A stored demo article as the history's robot uses it: its real id and answer, and visitors' words for it. */
export interface RobotArticle {
  id: string;
  question: string;
  answer: string;
  selfServiceUrl: string;
  asks: readonly string[];
}

/** What the history's robot knows: the demo knowledge base by language, and what it cannot answer. */
export interface RobotWorld {
  articles: Record<KbLanguage, RobotArticle[]>;
  unanswered: Record<KbLanguage, readonly string[]>;
}

/** Who wrote each language's articles: demo agents, so the article history names a person. */
const EDITORS: Record<KbLanguage, string> = { en: 'agent-emma', zh: 'agent-li' };

/**
 * The demo knowledge base, imported through the knowledge screen's import (checked whole,
 * stored in one insert, announced to the search index) unless the site already has the demo
 * articles; returns them with their stored ids, for the history's robot to answer from.
 */
export async function ensureDemoKnowledge(ch: ClickHouseClient, siteId: string, shopBase: string): Promise<RobotWorld> {
  let stored = await listKbArticles(ch, siteId);
  for (const language of KB_LANGUAGES) {
    if (findAll(stored, language)) continue;
    await importKbArticles(ch, siteId, 'json', demoImportFile(language, shopBase), EDITORS[language]);
    stored = await listKbArticles(ch, siteId);
  }
  const articles = { en: [], zh: [] } as Record<KbLanguage, RobotArticle[]>;
  for (const language of KB_LANGUAGES) {
    const found = findAll(stored, language);
    if (!found) throw new Error(`demo knowledge base: the ${language} articles were not stored`);
    articles[language] = found;
  }
  return { articles, unanswered: DEMO_UNANSWERED };
}

/** Each demo article of the language among the stored ones, or undefined when one is missing. */
function findAll(stored: KbArticle[], language: KbLanguage): RobotArticle[] | undefined {
  const byQuestion = new Map(stored.filter((a) => a.language === language).map((a) => [a.question, a]));
  const out: RobotArticle[] = [];
  for (const demo of DEMO_ARTICLES[language]) {
    const a = byQuestion.get(demo.question);
    if (!a) return undefined;
    out.push({
      id: a.articleId,
      question: a.question,
      answer: a.answer,
      selfServiceUrl: a.selfServiceUrl,
      asks: demo.asks,
    });
  }
  return out;
}
