import { describe, expect, it } from 'vitest';
import { AGENT_REFUSALS } from '@/server/contract/channels';
import { MESSAGES } from './messages';

// The screens translate refusal codes with a computed key (chat.refused.<code>), which the
// literal-key check in messages.test.ts cannot see: every code the hub sends needs a string.
describe('refusal codes', () => {
  it.each(['en', 'zh'] as const)('has a %s string for every agent refusal', (locale) => {
    const refused = (MESSAGES[locale].chat as { refused: Record<string, string> }).refused;
    expect(Object.keys(refused).sort()).toEqual([...AGENT_REFUSALS].sort());
  });
});
