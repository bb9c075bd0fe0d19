import MiniSearch, { type SearchResult } from 'minisearch';
import type { KbArticle, KbUseKind } from '../contract/kb.ts';
import { terms } from '../text/terms.ts';
import { queryWords } from './query-terms.ts';
import { EVERYDAY_SYNONYMS, GENERAL_SYNONYMS, SHOP_SYNONYMS } from './shop-synonyms.ts';

// One site's articles in a MiniSearch index (BM25 with prefix and fuzzy matching), plus what
// BM25 scores cannot give: a confidence comparable across queries, from how much of the
// question the article covers and how much of the article's question the visitor asked.

const FIELDS = ['question', 'alternates', 'answer'] as const;

/** The ranking's knobs; bench/kb-eval.ts tunes them on half of the evaluation set. */
export interface KbTuning {
  /** Where a term is found says how much it is worth: the asked question over the reply's wording. */
  boost: { question: number; alternates: number; answer: number };
  /** How much a synonym's match is worth next to the word the visitor typed. */
  synonym: number;
  /** A lone Han character matched is weak evidence: 发 is in 发货, 发票 and 开发. */
  unigram: number;
  /** Edit distance allowed, as a share of a Latin word's length (0: no typo tolerance). */
  fuzzy: number;
  /** BM25's length normalisation: 0 ignores a field's length, 1 divides by it fully. */
  b: number;
  /** Re-ranking: the BM25 score (relative to the best) raised to this, times the confidence. */
  scorePower: number;
}

export const KB_TUNING: KbTuning = {
  // Alternates are the question in other words: worth as much. Chosen on half A of
  // bench/kb-eval (bench/RESULTS.md, "Knowledge base"); neighbours score within 1 %.
  boost: { question: 3, alternates: 3, answer: 1.5 },
  synonym: 0.7,
  unigram: 0.2,
  fuzzy: 0.2,
  b: 0.75,
  scorePower: 0.5,
};
/** How many of BM25's best are re-ranked. */
const RERANK = 20;
/** Credit for a term found only through a typo or a prefix, and only in the answer. */
const LOOSE_CREDIT = 0.8;
const ANSWER_CREDIT = 0.6;

export interface SiteHit {
  article: KbArticle;
  score: number;
  confidence: number;
}

interface Doc {
  id: string;
  question: string;
  alternates: string;
  answer: string;
}

const tokenize = (text: string): string[] => terms(text, { stem: true, cjkBigrams: true, cjkUnigrams: true });
const isUnigram = (term: string): boolean => term.length === 1 && HAN.test(term);
const HAN = /\p{Script=Han}/u;

export class SiteIndex {
  constructor(private readonly tuning: KbTuning = KB_TUNING) {
    this.setSynonyms([]);
  }

  private readonly articles = new Map<string, KbArticle>();
  private readonly docTerms = new Map<string, { asked: string[][]; all: Set<string> }>();
  private readonly df = new Map<string, number>();
  private readonly uses = new Map<string, Record<KbUseKind, number>>();
  /** Disabled articles' ids: while there are none, searches skip the per-result filter. */
  private readonly disabled = new Set<string>();
  /** Synonym groups, each member as its terms. */
  private synonyms: string[][][] = [];
  private readonly mini = new MiniSearch<Doc>({
    fields: [...FIELDS],
    tokenize,
    processTerm: (term) => term,
    // Queries arrive as terms already: split on the spaces this class joins them with.
    searchOptions: { tokenize: (text) => text.split(' ').filter(Boolean), processTerm: (term) => term },
  });

  get size(): number {
    return this.articles.size;
  }

  get(articleId: string): KbArticle | undefined {
    return this.articles.get(articleId);
  }

  upsert(article: KbArticle): void {
    const old = this.articles.get(article.articleId);
    if (old && old.version > article.version) return;
    if (old) this.remove(article.articleId);
    this.articles.set(article.articleId, article);
    if (!article.enabled) this.disabled.add(article.articleId);
    const doc = {
      id: article.articleId,
      question: article.question,
      alternates: article.alternates.join('\n'),
      answer: article.answer,
    };
    const asked = [article.question, ...article.alternates].map(tokenize);
    const all = new Set([...asked.flat(), ...tokenize(article.answer)]);
    this.docTerms.set(article.articleId, { asked, all });
    for (const term of all) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    this.mini.add(doc);
  }

  remove(articleId: string): void {
    const stored = this.docTerms.get(articleId);
    if (!stored) return;
    for (const term of stored.all) {
      const n = (this.df.get(term) ?? 1) - 1;
      if (n > 0) this.df.set(term, n);
      else this.df.delete(term);
    }
    this.mini.discard(articleId);
    this.articles.delete(articleId);
    this.disabled.delete(articleId);
    this.docTerms.delete(articleId);
  }

  /**
   * The site's groups on top of the built-in shop vocabulary. A member may be a phrase
   * ("money back"): it stands for the others only when all of its terms are in the query.
   */
  setSynonyms(groups: string[][]): void {
    this.synonyms = [...SHOP_SYNONYMS, ...GENERAL_SYNONYMS, ...EVERYDAY_SYNONYMS, ...groups]
      // Without lone characters: 店 of 线下店 must not stand in for 门店.
      .map((group) => group.map((member) => tokenize(member).filter((t) => !isUnigram(t))).filter((t) => t.length > 0))
      .filter((group) => group.length >= 2);
  }

  noteUse(articleId: string, kind: KbUseKind, count = 1): void {
    const counts = this.uses.get(articleId) ?? { picked: 0, rated_up: 0, rated_down: 0 };
    counts[kind] += count;
    this.uses.set(articleId, counts);
  }

  /**
   * What use has taught about an article: picked and rated-up articles rank a little higher,
   * rated-down ones lower; a logarithm, so a popular article does not drown every other.
   */
  private useFactor(articleId: string): number {
    const u = this.uses.get(articleId);
    if (!u) return 1;
    const net = u.picked + 2 * u.rated_up - 2 * u.rated_down;
    return Math.min(1.25, Math.max(0.75, 1 + 0.08 * Math.sign(net) * Math.log1p(Math.abs(net))));
  }

  private idf(term: string): number {
    const n = Math.max(1, this.articles.size);
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The IDF-weighted share of `list` that was found (`creditOf` 0..1 per term). Chinese is
   * counted by character, so a question is not "longer" for being cut into words, pairs and
   * single characters at once: each character takes the best credit of a found term holding
   * it, half of it when only the lone character was found.
   */
  private coverage(list: string[], creditOf: (term: string) => number): number {
    let got = 0;
    let total = 0;
    const han = new Map<string, number>();
    for (const term of new Set(list)) {
      if (HAN.test(term)) {
        const credit = creditOf(term) * (isUnigram(term) ? 0.5 : 1);
        for (const char of term) han.set(char, Math.max(han.get(char) ?? 0, credit));
        continue;
      }
      const w = this.idf(term);
      total += w;
      got += w * creditOf(term);
    }
    for (const [char, credit] of han) {
      const w = this.idf(char);
      total += w;
      got += w * credit;
    }
    return total > 0 ? got / total : 0;
  }

  search(query: string, opts: { limit: number; language?: string; includeDisabled?: boolean }): SiteHit[] {
    const { typed, spelt } = queryWords(query, (t) => this.df.has(t));
    if (typed.length === 0 || this.articles.size === 0) return [];
    // Spellings, then synonyms go after the typed terms, so boostTerm and fuzzy know them by position.
    const origin = new Map<string, string>(typed.map((t) => [t, t]));
    for (const [word, term] of spelt) if (!origin.has(word)) origin.set(word, term);
    const loose = origin.size;
    const present = new Set(typed);
    for (const group of this.synonyms) {
      const asked = group.find((member) => member.every((t) => present.has(t)));
      if (!asked) continue;
      for (const member of group) for (const t of member) if (!origin.has(t)) origin.set(t, asked[0] as string);
    }
    const all = [...origin.keys()];
    // Prefix only for the word being typed; typos only in Latin words long enough to have one.
    const stillTyping = !/[\s\p{P}]$/u.test(query);
    const typing = stillTyping ? typed.findLastIndex((t) => /^[a-z0-9]{2,}$/.test(t)) : -1;
    const results = this.mini.search(all.join(' '), {
      boost: this.tuning.boost,
      boostTerm: (term, i) => (i < loose ? 1 : this.tuning.synonym) * (isUnigram(term) ? this.tuning.unigram : 1),
      prefix: (_term, i) => i === typing,
      // A word the site's articles contain is no typo: fuzzy only for unknown ones (also the cost).
      fuzzy: (term, i) => (i < loose && /^[a-z]{4,}$/.test(term) && !this.df.has(term) ? this.tuning.fuzzy : false),
      maxFuzzy: 2,
      weights: { fuzzy: 0.6, prefix: 0.5 },
      bm25: { k: 1.2, b: this.tuning.b, d: 0.5 },
      // MiniSearch calls these once per matching posting and result (thousands at 5,000
      // articles): left out when they could change nothing.
      boostDocument: this.uses.size > 0 ? (id: string) => this.useFactor(id) : undefined,
      filter:
        opts.language || (!opts.includeDisabled && this.disabled.size > 0)
          ? (r) => {
              const a = this.articles.get(r.id as string);
              return !!a && (opts.includeDisabled || a.enabled) && (!opts.language || a.language === opts.language);
            }
          : undefined,
    });
    // BM25 alone lets one rare context word ("Australia", "sweater") outrank the article the
    // visitor asks about; the leaders are re-ranked with how much of each one's question the
    // visitor's words cover (the confidence), which a stray word cannot raise much.
    const top = results[0]?.score ?? 0;
    return results
      .slice(0, RERANK)
      .map((r) => {
        const article = this.articles.get(r.id as string) as KbArticle;
        const confidence = this.confidence(r, typed, origin);
        return { article, score: r.score, confidence, rank: (r.score / top) ** this.tuning.scorePower * confidence };
      })
      .sort((a, b) => b.rank - a.rank)
      .slice(0, opts.limit)
      .map(({ rank: _rank, ...hit }) => hit);
  }

  /**
   * 0..1, comparable across queries and sites: the share of the visitor's words (weighted by
   * how rare they are here) that the article answers, times the share of the article's own
   * question the visitor asked about; typos, prefixes and answer-only matches count less.
   */
  private confidence(r: SearchResult, typed: string[], origin: Map<string, string>): number {
    const stored = this.docTerms.get(r.id as string);
    if (!stored) return 0;
    const matchedDocTerms = new Set(r.terms);
    const credit = new Map<string, number>();
    for (const queryTerm of r.queryTerms) {
      const source = origin.get(queryTerm) ?? queryTerm;
      const exact = matchedDocTerms.has(queryTerm);
      const asked = stored.asked.some((t) => t.includes(queryTerm));
      const value = (exact ? 1 : LOOSE_CREDIT) * (asked ? 1 : ANSWER_CREDIT) * (source === queryTerm ? 1 : 0.9);
      credit.set(source, Math.max(credit.get(source) ?? 0, value));
    }
    const queryCover = this.coverage(typed, (t) => credit.get(t) ?? 0);
    // The best of the article's question and alternates, by the share of its terms matched.
    let askedCover = 0;
    for (const askedTerms of stored.asked)
      askedCover = Math.max(
        askedCover,
        this.coverage(askedTerms, (t) => (matchedDocTerms.has(t) ? 1 : 0)),
      );
    const raw = Math.sqrt(queryCover * (0.4 + 0.6 * askedCover));
    return Math.min(1, Math.max(0, raw * this.useFactor(r.id as string)));
  }
}
