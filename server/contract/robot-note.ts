// What the robot based a message on, carried by robot messages (ChatMessage in channels.ts,
// which re-exports these for the widget, the console and the store).

/** One article the robot considered, with its confidence (0..1). */
export interface RobotGuess {
  articleId: string;
  question: string;
  confidence: number;
}

/**
 * Why the robot said what it said: `answer` (an article's answer, the best guess passed the
 * threshold), `decline` (none did), `handover` (a person was asked for and the chat is
 * queued), `offline` (a person was asked for and nobody can chat: the offline form follows).
 */
export interface RobotNote {
  kind: 'answer' | 'decline' | 'handover' | 'offline';
  articleId: string;
  confidence: number;
  selfServiceUrl: string;
  guesses: RobotGuess[];
}

/** The note of a handover: queued for a person, or offered the offline form when nobody can chat. */
export const handoverNote = (queued: boolean): RobotNote => ({
  kind: queued ? 'handover' : 'offline',
  articleId: '',
  confidence: 0,
  selfServiceUrl: '',
  guesses: [],
});
