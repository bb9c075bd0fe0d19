// The product's one tokenizer: knowledge search, hot words and anything else that counts or
// matches words goes through here, so "退貨", "退货" and "ＲＥＴＵＲＮＳ" land on the same terms
// everywhere.
import * as OpenCC from 'opencc-js';
import { stemmer } from 'stemmer';
import { eng, zho } from 'stopword';

export interface TermOptions {
  /** Drop stop words of both languages (default true). */
  stopWords?: boolean;
  /** Reduce English words to their stem: "shipping" → "ship" (default false: hot words show words). */
  stem?: boolean;
  /**
   * Also emit every pair of neighbouring Han characters: the word segmenter's dictionary does
   * not know shop words ("开发|票" for 开发票), and bigrams still match them (default false).
   */
  cjkBigrams?: boolean;
}

// The libraries' lists, plus the filler visitors type around a question; minus words that
// carry meaning in a shop ("小" is a size, "不" turns "fits" into "does not fit").
const EXTRA_STOP = [
  'please',
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank',
  'pls',
  'plz',
  'im',
  'ive',
  'dont',
  'does',
  'just',
  'want',
  'know',
  'tell',
  'question',
  'anyone',
  'ok',
  'okay',
  'yes',
  'u',
  'ur',
  'will',
  'shall',
  'am',
  '请问',
  '你好',
  '您好',
  '谢谢',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪里',
  '哪儿',
  '可以',
  '能否',
  '能不能',
  '一下',
  '我们',
  '你们',
  '我的',
  '您',
  '想',
  '要',
  '呀',
  '哦',
  '喔',
  '嘞',
  '咋',
  '啥',
  '想问',
  '问下',
  '问一下',
  '麻烦',
  '我想',
  '我要',
  '想要',
  '需要',
  '一般',
  '知道',
  '的话',
  '是否',
  '有没有',
  '还是',
];
const KEEP = new Set([
  '小',
  '不',
  '多',
  '几',
  '时',
  '日',
  '月',
  '年',
  'after',
  'before',
  'out',
  'over',
  'under',
  'off',
]);
const STOP = new Set([...eng, ...zho, ...EXTRA_STOP].filter((word) => !KEEP.has(word)));
// Single characters that end a run of joined characters (particles, pronouns, "不"), kept or not.
const PARTICLES = new Set([...zho, ...EXTRA_STOP.filter((word) => word.length === 1)]);

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
// Letters and digits of any script; an apostrophe inside a word ("don't") joins it.
const WORD = /[\p{L}\p{N}]/u;

let toSimplified: ((text: string) => string) | null = null;
let segmenter: Intl.Segmenter | null = null;

/**
 * Full-width → half-width and compatibility forms (NFKC), traditional → simplified Chinese,
 * lower case. The text a person would consider "the same" comes out equal.
 */
export function normalizeText(text: string): string {
  // The converter's dictionaries cost ~30 ms to build: only when the first text arrives.
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
  const nfkc = text.normalize('NFKC');
  return (HAN.test(nfkc) ? toSimplified(nfkc) : nfkc).toLowerCase();
}

/** Is this (normalized) word a stop word in either language? */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/** Words of `text` in order, normalized; Chinese split into words, English on letters/digits. */
export function terms(text: string, options: TermOptions = {}): string[] {
  const { stopWords = true, stem = false, cjkBigrams = false } = options;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  let hanRun = '';
  const runWords = new Set<string>();
  const flushRun = (): void => {
    for (let i = 0; cjkBigrams && i + 1 < hanRun.length; i++) {
      const pair = hanRun.slice(i, i + 2);
      if (!runWords.has(pair) && !(stopWords && STOP.has(pair))) out.push(pair);
    }
    hanRun = '';
    runWords.clear();
  };
  for (const piece of joinSingles(segmenter.segment(normalizeText(text)))) {
    if (!WORD.test(piece)) {
      flushRun();
      continue;
    }
    const word = piece.replace(/['’]/g, '');
    // A stop word ends a run too: "怎么开发票" pairs 开发票, never 么开.
    if (stopWords && STOP.has(word)) {
      flushRun();
      continue;
    }
    if (HAN_ONLY.test(word)) {
      hanRun += word;
      runWords.add(word);
    } else flushRun();
    out.push(stem && /^[a-z]+$/.test(word) ? stemmer(word) : word);
  }
  flushRun();
  return out;
}

/**
 * ICU's dictionary breaks unknown two-character words into single characters ("退|货",
 * "包|邮"); a run of single Han characters that are not stop words is one word far more often
 * than not, so it is joined back.
 */
function* joinSingles(segments: Intl.Segments): Generator<string> {
  let run = '';
  for (const { segment, isWordLike } of segments) {
    if (isWordLike && segment.length === 1 && HAN.test(segment) && !PARTICLES.has(segment)) {
      run += segment;
      continue;
    }
    if (run) yield run;
    run = '';
    yield segment;
  }
  if (run) yield run;
}
