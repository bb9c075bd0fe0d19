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
