// What one bubble of the conversation holds: a robot's answer with its buttons, a file
// (thumbnail or download chip), or text. Text is set as textContent, never parsed as HTML.
import type { RobotNote } from '../../server/contract/channels';
import type { TeamLineCode } from '../../server/contract/team-lines';
import type { ChatFile } from './files';
import { robotBubble } from './robot';
import { text } from './text';

export interface BubbleParts {
  messageId: string;
  sender: string;
  body: string;
  robot?: RobotNote;
  file?: ChatFile;
}

export function fillBubble(
  bubble: HTMLElement,
  m: BubbleParts,
  send: (m: object) => unknown,
  fileView: (file: ChatFile) => HTMLElement,
): void {
  if (m.robot) bubble.append(...robotBubble(m.messageId, m.body, m.robot, send));
  else if (m.file) bubble.append(fileView(m.file));
  // A transfer or a join is a code in the transcript: said in the visitor's language.
  else bubble.textContent = m.sender === 'system' ? teamText(m.body) : m.body;
}

/** The codes of server/contract/team-lines.ts (the tracker imports types only from server/). */
function teamText(body: string): string {
  const lines: [TeamLineCode, (name: string) => string][] = [
    ['transferred:', text.transferred],
    ['joined:', text.joined],
  ];
  for (const [code, say] of lines) if (body.startsWith(code)) return say(body.slice(code.length));
  return body;
}
