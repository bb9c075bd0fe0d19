import { normalizeText } from '../text/terms.ts';

// Whether a visitor's message asks for a person. Checked on every message the robot gets:
// a few passes over a bounded text, folded as the search folds it, against short constants.

/** Said anywhere in a message, these ask for a person. */
const ASK_ZH = ['转人工', '人工客服', '人工服务', '找人工', '真人客服', '要人工', '接人工'];
const ASK_EN = [
  'talk to a human',
  'talk to a person',
  'talk to someone',
  'speak to a human',
  'speak to a person',
  'speak to someone',
  'real person',
  'human agent',
  'live agent',
  'customer service',
  'customer support',
  'talk to an agent',
  'speak to an agent',
];
/** Alone (a short message of a few words), these ask for a person too; inside a longer question they may mean something else. */
const SHORT_ZH = ['人工', '客服', '真人'];
const SHORT_EN = new Set(['human', 'agent', 'person', 'operator', 'representative', 'staff', 'someone']);
const SHORT_WORDS = 4;

/**
 * The tokenizer's folding (full-width → half-width, traditional → simplified, lower case),
 * then every run of non-letters to one space. "人工智能" (AI) is not a request for a person.
 */
export function foldForMatch(text: string): string {
  return ` ${normalizeText(text.slice(0, 2000))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

export function asksForPerson(text: string): boolean {
  const folded = foldForMatch(text).replaceAll('人工智能', ' ');
  if (ASK_ZH.some((p) => folded.includes(p))) return true;
  if (ASK_EN.some((p) => folded.includes(` ${p} `))) return true;
  const words = folded.trim().split(' ');
  const cjk = folded.replace(/[^\p{Script=Han}]/gu, '');
  if (cjk.length > 0 && cjk.length <= 8 && SHORT_ZH.some((p) => cjk.includes(p))) return true;
  return words.length <= SHORT_WORDS && words.some((w) => SHORT_EN.has(w));
}
