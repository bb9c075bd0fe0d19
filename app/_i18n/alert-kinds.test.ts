import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '@/server/contract/notify';
import { MESSAGES } from './messages';

// The bell translates alert kinds with a computed key (notify.bell.kind.<kind>), which the
// literal-key check in messages.test.ts cannot see: every kind the server raises needs a string.
describe('alert kinds', () => {
  it.each(['en', 'zh'] as const)('has a %s string for every alert kind', (locale) => {
    const kinds = (MESSAGES[locale].notify as { bell: { kind: Record<string, string> } }).bell.kind;
    expect(Object.keys(kinds).sort()).toEqual([...ALERT_KINDS].sort());
  });
});
