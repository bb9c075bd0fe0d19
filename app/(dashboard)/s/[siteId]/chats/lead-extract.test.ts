import { describe, expect, it } from 'vitest';
import { extractContact, MAX_CHARS } from './lead-extract';

describe('extractContact', () => {
  it('finds an email, a Chinese mobile in its usual spellings and an English name', () => {
    expect(
      extractContact(['Hi, my name is Zhang Min', 'mail me at zhang.min@example.com.', 'or call 138 0013 8000']),
    ).toEqual({ name: 'Zhang Min', email: 'zhang.min@example.com', phone: '138 0013 8000' });
    expect(extractContact(['电话 13800138000']).phone).toBe('13800138000');
    expect(extractContact(['call +86 138-0013-8000 please']).phone).toBe('+86 138-0013-8000');
    expect(extractContact(['UK: +44 20 7946 0958']).phone).toBe('+44 20 7946 0958');
  });

  it('reads Chinese self-introductions, but not 我是 before a question', () => {
    expect(extractContact(['你好，我叫王芳，想问一下价格']).name).toBe('王芳');
    expect(extractContact(['我是李雷']).name).toBe('李雷');
    expect(extractContact(['我是想问一下运费']).name).toBe('');
  });

  it('keeps the second English word only when capitalised', () => {
    expect(extractContact(['my name is anna and I need help']).name).toBe('anna');
    expect(extractContact(['My name is Anna Lee.']).name).toBe('Anna Lee');
  });

  it('ignores dates, order numbers, short numbers and the digits of an email', () => {
    expect(extractContact(['Order 2026-12-03, item 12345, 3 pcs', 'write to 13800138000@qq.com'])).toEqual({
      name: '',
      email: '13800138000@qq.com',
      phone: '',
    });
  });

  it('takes the newest of each, and nothing from text with none', () => {
    expect(extractContact(['a@example.com', 'sorry, b@example.org']).email).toBe('b@example.org');
    expect(extractContact(['Do you ship to Canada?'])).toEqual({ name: '', email: '', phone: '' });
  });

  it('reads only the first MAX_CHARS of a message, and stays fast on hostile input', () => {
    expect(extractContact([`${'x'.repeat(MAX_CHARS)} late@example.com`]).email).toBe('');
    const hostile = [
      'a'.repeat(MAX_CHARS),
      `${'1 '.repeat(MAX_CHARS / 2)}`,
      `${'a@'.repeat(MAX_CHARS / 2)}`,
      `my name is ${"a'".repeat(MAX_CHARS / 2)}`,
      '我是'.repeat(MAX_CHARS / 2),
    ];
    // Linear patterns: 250 hostile messages are read in one go (a catastrophic pattern would hang here).
    for (let i = 0; i < 50; i++) extractContact(hostile);
  });
});
