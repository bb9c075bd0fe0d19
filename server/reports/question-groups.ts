import { terms } from '../text/terms.ts';
import type { UnansweredQuestion } from '../queries/robot-unanswered.ts';

export interface QuestionGroup {
  /** The group's most asked question: what "Create article" starts from. */
  question: string;
  /** Times any of its questions was declined. */
  times: number;
  /** The terms the group's questions share with its first question. */
  terms: string[];
  /** Up to five of its questions, most asked first. */
  examples: string[];
}

const EXAMPLES = 5;

/**
 * Declined questions grouped by shared terms (the search's tokenizer: folded, stemmed, stop
 * words dropped), most asked first. A question joins the first group whose terms it shares at
 * least half of (of the shorter of the two); otherwise it starts a group. Questions come
 * most asked first, so each group is led by its most asked question.
 */
export function groupQuestions(questions: readonly UnansweredQuestion[]): QuestionGroup[] {
  const groups: (QuestionGroup & { key: Set<string> })[] = [];
  for (const q of questions) {
    const own = new Set(terms(q.question, { stem: true }));
    const home = groups.find((g) => {
      const shared = [...own].filter((t) => g.key.has(t)).length;
      return shared > 0 && shared * 2 >= Math.min(own.size, g.key.size);
    });
    if (home) {
      home.times += q.times;
      const kept = home.terms.filter((t) => own.has(t));
      if (kept.length > 0) home.terms = kept;
      if (home.examples.length < EXAMPLES) home.examples.push(q.question);
    } else {
      groups.push({ question: q.question, times: q.times, terms: [...own], examples: [q.question], key: own });
    }
  }
  return groups
    .map(({ key: _key, ...g }) => g)
    .sort((a, b) => b.times - a.times || a.question.localeCompare(b.question));
}
