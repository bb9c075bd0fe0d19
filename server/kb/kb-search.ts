import type { ClickHouseClient } from '@clickhouse/client';
import { realtimeBus } from '../bus/bus.ts';
import type { KbArticle, KbUseKind } from '../contract/kb.ts';
import { processSingleton } from '../process-singleton.ts';
import { listKbArticles } from '../queries/kb-articles.ts';
import { listKbSynonyms } from '../queries/kb-synonyms.ts';
import { kbUseCounts } from '../queries/kb-use-counts.ts';
import { recordKbUse } from './kb-uses.ts';
import { KB_TUNING, SiteIndex, type KbTuning } from './site-index.ts';

export interface KbHit {
  articleId: string;
  question: string;
  answer: string;
  category: string;
  language: string;
  selfServiceUrl: string;
  score: number;
  /** 0..1, comparable across queries */
  confidence: number;
}

export interface KbIndex {
  search(siteId: string, query: string, opts?: { limit?: number; language?: string }): KbHit[];
  /** Ranking learns from use: picked by an agent, rated up/down by a visitor after a robot answer. */
  noteUse(siteId: string, articleId: string, kind: 'picked' | 'rated_up' | 'rated_down'): void;
}

/**
 * The confidence below which the robot says it does not know rather than answer: chosen on
 * bench/kb-eval's held-in half (bench/RESULTS.md, "Knowledge base").
 */
export const DEFAULT_ROBOT_CONFIDENCE = 0.5;

const DEFAULT_LIMIT = 5;

/** Every site's articles in memory; filled from ClickHouse at start, then kept current through the bus. */
export class KbSearchIndex implements KbIndex {
  private readonly sites = new Map<string, SiteIndex>();
  private ready = false;
  private ch: ClickHouseClient | null = null;

  constructor(private readonly tuning: KbTuning = KB_TUNING) {}

  get isReady(): boolean {
    return this.ready;
  }

  search(siteId: string, query: string, opts: { limit?: number; language?: string } = {}): KbHit[] {
    return this.searchArticles(siteId, query, opts).map(({ article, score, confidence }) => ({
      articleId: article.articleId,
      question: article.question,
      answer: article.answer,
      category: article.category,
      language: article.language,
      selfServiceUrl: article.selfServiceUrl,
      score,
      confidence,
    }));
  }

  /** The same search with whole articles, disabled ones too when asked (the knowledge screen). */
  searchArticles(
    siteId: string,
    query: string,
    opts: { limit?: number; language?: string; includeDisabled?: boolean } = {},
  ): { article: KbArticle; score: number; confidence: number }[] {
    if (!this.ready) return [];
    const site = this.sites.get(siteId);
    if (!site) return [];
    return site.search(query, { ...opts, limit: opts.limit ?? DEFAULT_LIMIT });
  }

  noteUse(siteId: string, articleId: string, kind: KbUseKind): void {
    const site = this.sites.get(siteId);
    if (!site?.get(articleId)) return;
    site.noteUse(articleId, kind);
    // Remembered for the next start; a failed write costs only a little ranking.
    if (this.ch)
      void recordKbUse(this.ch, siteId, articleId, kind).catch((error: unknown) => {
        console.error('kb: could not store an article use', error);
      });
  }

  /** New versions of articles (saved, imported, disabled): older versions than the held one are ignored. */
  apply(siteId: string, articles: KbArticle[], synonyms?: string[][]): void {
    const site = this.site(siteId);
    for (const article of articles) site.upsert(article);
    if (synonyms) site.setSynonyms(synonyms);
  }

  /** Reads every site's articles, synonyms and use counts; until it finishes, searches find nothing. */
  async load(ch: ClickHouseClient): Promise<void> {
    this.ch = ch;
    const [articles, synonyms, uses] = await Promise.all([
      listKbArticles(ch, null),
      listKbSynonyms(ch, null),
      kbUseCounts(ch),
    ]);
    for (const article of articles) this.site(article.siteId).upsert(article);
    for (const set of synonyms) this.site(set.siteId).setSynonyms(set.groups);
    for (const use of uses) this.sites.get(use.siteId)?.noteUse(use.articleId, use.kind, use.count);
    this.ready = true;
  }

  private site(siteId: string): SiteIndex {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = new SiteIndex(this.tuning)));
    return site;
  }
}

/** The process's index (processSingleton), rebuilt from ClickHouse by startKbIndex(ch) without blocking. */
export function kbIndex(): KbIndex {
  return kbSearchIndex();
}

/** The concrete index, for the knowledge screen's search (disabled articles too). */
export function kbSearchIndex(): KbSearchIndex {
  return processSingleton('kbIndex', () => new KbSearchIndex());
}

/**
 * Builds the index from ClickHouse and keeps it current with what tRPC (inside Next) saves.
 * The server does not wait for it: searches before it is ready return [].
 */
export function startKbIndex(ch: ClickHouseClient): Promise<void> {
  const index = kbSearchIndex();
  // Subscribed before the read, so a save during the load is not lost (older versions lose).
  processSingleton('kbIndexBus', () =>
    realtimeBus().subscribe('kb', ({ siteId, articles, synonyms }) => index.apply(siteId, articles, synonyms)),
  );
  return index.load(ch);
}
