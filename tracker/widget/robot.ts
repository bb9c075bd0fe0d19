import type { RobotNote } from '../../server/contract/channels';
import { el } from './dom';
import { text } from './text';

// The robot's answers are an article's Markdown: shown as DOM nodes built from a small,
// safe subset (paragraphs, "-"/"1." lists, [links](https://…) and bare links), never as HTML.

const LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]{1,2000})\)|(https?:\/\/[^\s<>()]{1,2000})/g;

function inline(line: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  let last = 0;
  for (const m of line.matchAll(LINK)) {
    out.push(line.slice(last, m.index));
    const href = m[2] ?? m[3] ?? '';
    out.push(el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, m[1] ?? href));
    last = m.index + m[0].length;
  }
  out.push(line.slice(last));
  return out;
}

/** The answer's text as paragraphs and lists. */
export function answerView(body: string): HTMLElement {
  const box = el('div', { class: 'answer' });
  let list: HTMLElement | null = null;
  for (const raw of body.split('\n')) {
    const item = /^\s*(?:[-*•]|\d{1,3}[.)])\s+(.*)$/.exec(raw);
    if (item) {
      if (!list) box.appendChild((list = el(/^\s*\d/.test(raw) ? 'ol' : 'ul', {})));
      list.appendChild(el('li', {}, ...inline(item[1] ?? '')));
      continue;
    }
    list = null;
    if (raw.trim()) box.appendChild(el('p', {}, ...inline(raw.replace(/^#+\s*/, '').replace(/\*\*/g, ''))));
  }
  return box;
}

/** A robot answer: its text, the self-service link as a button, and "Helpful / Not helpful" once. */
export function robotBubble(
  messageId: string,
  body: string,
  note: RobotNote,
  send: (m: object) => unknown,
): HTMLElement[] {
  const parts: HTMLElement[] = [answerView(body)];
  if (note.selfServiceUrl && /^https?:\/\//.test(note.selfServiceUrl))
    parts.push(
      el(
        'a',
        {
          class: 'selfservice',
          href: note.selfServiceUrl,
          target: '_blank',
          rel: 'noopener noreferrer',
          'data-lt': 'self-service',
        },
        text.selfService,
      ),
    );
  if (note.kind === 'answer') {
    const rate = el('div', { class: 'rate', 'data-lt': 'robot-rate' });
    for (const helpful of [true, false]) {
      const b = el(
        'button',
        { type: 'button', 'data-lt': helpful ? 'helpful' : 'not-helpful' },
        helpful ? text.helpful : text.notHelpful,
      );
      b.onclick = () => {
        send({ type: 'robot.rate', messageId, helpful });
        rate.textContent = text.rated;
      };
      rate.appendChild(b);
    }
    parts.push(rate);
  }
  return parts;
}
