import MiniSearch, { type SearchResult } from 'minisearch';
import type { KbArticle, KbUseKind } from '../contract/kb.ts';
import { terms } from '../text/terms.ts';

// One site's articles in a MiniSearch index (BM25 with prefix and fuzzy matching), plus what
// BM25 scores cannot give: a confidence comparable across queries, from how much of the
// question the article covers and how much of the article's question the visitor asked.

const FIELDS = ['question', 'alternates', 'answer'] as const;
/** Where a term is found says how much it is worth: the asked question over the reply's wording. */
const FIELD_BOOST = { question: 3, alternates: 2.5, answer: 1 };
/** How much a synonym's match is worth next to the word the visitor typed. */
const SYNONYM_BOOST = 0.7;
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

const tokenize = (text: string): string[] => terms(text, { stem: true, cjkBigrams: true });

export class SiteIndex {
  private readonly articles = new Map<string, KbArticle>();
  private readonly docTerms = new Map<string, { asked: string[][]; all: Set<string> }>();
  private readonly df = new Map<string, number>();
  private readonly uses = new Map<string, Record<KbUseKind, number>>();
  /** term → the other terms of its synonym groups (terms already tokenized). */
  private synonyms = new Map<string, Set<string>>();
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
    this.docTerms.delete(articleId);
  }

  setSynonyms(groups: string[][]): void {
    const map = new Map<string, Set<string>>();
    for (const group of groups) {
      // A group member may be a phrase ("money back"): each of its terms stands for the others'.
      const members = group.map((member) => tokenize(member)).filter((t) => t.length > 0);
      for (const member of members)
        for (const term of member) {
          const set = map.get(term) ?? new Set<string>();
          for (const other of members) if (other !== member) for (const t of other) if (t !== term) set.add(t);
          map.set(term, set);
        }
    }
    this.synonyms = map;
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

  search(query: string, opts: { limit: number; language?: string; includeDisabled?: boolean }): SiteHit[] {
    const typed = [...new Set(tokenize(query))];
    if (typed.length === 0 || this.articles.size === 0) return [];
    // Synonyms go after the typed terms, so boostTerm knows them by position.
    const origin = new Map<string, string>(typed.map((t) => [t, t]));
    for (const term of typed)
      for (const synonym of this.synonyms.get(term) ?? []) if (!origin.has(synonym)) origin.set(synonym, term);
    const all = [...origin.keys()];
    // Prefix only for the word being typed; typos only in Latin words long enough to have one.
    const stillTyping = !/[\s\p{P}]$/u.test(query);
    const results = this.mini.search(all.join(' '), {
      boost: FIELD_BOOST,
      boostTerm: (_term, i) => (i < typed.length ? 1 : SYNONYM_BOOST),
      prefix: (term, i) => stillTyping && i === typed.length - 1 && term.length >= 2,
      fuzzy: (term, i) => (i < typed.length && /^[a-z]{4,}$/.test(term) ? (term.length >= 7 ? 0.25 : 0.2) : false),
      maxFuzzy: 2,
      weights: { fuzzy: 0.6, prefix: 0.5 },
      boostDocument: (id: string) => this.useFactor(id),
      filter: (r) => {
        const a = this.articles.get(r.id as string);
        return !!a && (opts.includeDisabled || a.enabled) && (!opts.language || a.language === opts.language);
      },
    });
    return results.slice(0, opts.limit).map((r) => {
      const article = this.articles.get(r.id as string) as KbArticle;
      return { article, score: r.score, confidence: this.confidence(r, typed, origin) };
    });
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
    let got = 0;
    let total = 0;
    for (const term of typed) {
      const w = this.idf(term);
      total += w;
      got += w * (credit.get(term) ?? 0);
    }
    const queryCover = total > 0 ? got / total : 0;
    // The best of the article's question and alternates, by the share of its terms matched.
    let askedCover = 0;
    for (const askedTerms of stored.asked) {
      if (askedTerms.length === 0) continue;
      let hit = 0;
      let all = 0;
      for (const term of new Set(askedTerms)) {
        const w = this.idf(term);
        all += w;
        if (matchedDocTerms.has(term)) hit += w;
      }
      askedCover = Math.max(askedCover, all > 0 ? hit / all : 0);
    }
    const raw = Math.sqrt(queryCover * (0.4 + 0.6 * askedCover));
    return Math.min(1, Math.max(0, raw * this.useFactor(r.id as string)));
  }
}
