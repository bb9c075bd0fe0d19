// No zod here: the widget imports this file, and its bundle stays small.

/**
 * Lines the server writes into a transcript (sender `system`) for the visitor to see, as
 * codes the widget and the console translate: `transferred:<name>` ("You are now talking
 * to <name>"), `joined:<name>` ("<name> joined the chat").
 */
export const TEAM_LINES = { transferred: 'transferred:', joined: 'joined:' } as const;
export type TeamLineCode = (typeof TEAM_LINES)[keyof typeof TEAM_LINES];

export function teamLine(body: string): { kind: keyof typeof TEAM_LINES; name: string } | null {
  for (const kind of Object.keys(TEAM_LINES) as (keyof typeof TEAM_LINES)[])
    if (body.startsWith(TEAM_LINES[kind])) return { kind, name: body.slice(TEAM_LINES[kind].length) };
  return null;
}
