import { stemmer } from 'stemmer';
import { terms } from '../text/terms.ts';

// What a visitor's question says besides its subject: the conversational filler around it
// ("I was wondering if maybe…") carries no topic, yet an article that happens to contain
// "possible" or "anything" scores for it. Dropped from queries only: articles keep them.
const FILLER = [
  'wondering',
  'wonder',
  'maybe',
  'perhaps',
  'possible',
  'possibly',
  'anything',
  'anyway',
  'anyone',
  'actually',
  'basically',
  'honestly',
  'literally',
  'guys',
  'someone',
  'somebody',
  'somehow',
  'sure',
  'idea',
  'trying',
  'tried',
  'try',
  'lol',
  'hmm',
  'um',
  'gonna',
  'wanna',
  'kinda',
  'even',
  'ago',
  'currently',
];
const STEMMED_FILLER = new Set(FILLER.flatMap((word) => terms(word, { stem: true })));

export const isFiller = (term: string): boolean => STEMMED_FILLER.has(term);

const LATIN = /^[a-z]+$/;
const stem = (word: string): string => (LATIN.test(word) ? stemmer(word) : word);

export interface QueryWords {
  /** The visitor's terms as the index holds them (stemmed), filler left out, swaps put back. */
  typed: string[];
  /**
   * Unstemmed spellings of typed words the site's articles do not contain, for typo matching:
   * the stemmer cuts a misspelt word anywhere ("expres" → "expr", far from "express").
   */
  spelt: Map<string, string>;
}

export function queryWords(query: string, known: (term: string) => boolean): QueryWords {
  const words = terms(query, { stem: false, cjkBigrams: true, cjkUnigrams: true });
  const topical = words.filter((w) => !isFiller(stem(w)));
  const typed = new Set<string>();
  const spelt = new Map<string, string>();
  for (const word of topical.length > 0 ? topical : words) {
    const term = stem(word);
    if (known(term) || !LATIN.test(word)) {
      typed.add(term);
      continue;
    }
    const meant = unswap(word, (w) => known(stem(w)));
    if (meant) typed.add(stem(meant));
    else {
      typed.add(term);
      if (word !== term) spelt.set(word, term);
    }
  }
  return { typed: [...typed], spelt };
}

/**
 * The word the visitor meant when two neighbouring letters were swapped ("retrun", "crad"):
 * an edit distance of 2 that fuzzy matching of short words does not allow. Only for words the
 * site's articles do not contain, and only when exactly one swap gives a word they do.
 */
export function unswap(term: string, known: (term: string) => boolean): string | null {
  if (!/^[a-z]{4,}$/.test(term) || known(term)) return null;
  const found = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
    if (known(swapped)) found.add(swapped);
  }
  return found.size === 1 ? ([...found][0] as string) : null;
}
