/**
 * Contact details a visitor typed in chat, for the console to offer as a lead: the last
 * email, phone number and name ("my name is …", 我叫…, 我是…) found in their messages.
 *
 * Every pattern is linear: character classes with bounded counts, no quantified group that
 * itself holds a quantifier, so no input makes them backtrack; and only the last
 * MAX_MESSAGES messages, each cut to MAX_CHARS, are read.
 */
export interface Extracted {
  name: string;
  email: string;
  phone: string;
}

export const MAX_MESSAGES = 20;
export const MAX_CHARS = 2000;

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{2,190}/g;
// A run of digits with the separators people type; its digits are counted afterwards.
const PHONE = /\+?[0-9(][0-9 ().-]{5,22}[0-9]/g;
const NAME_EN = /\bmy name is[ \t]{1,4}([\p{L}][\p{L}'’-]{0,40})(?:[ \t]{1,4}([\p{L}][\p{L}'’-]{0,40}))?/giu;
// A Chinese name is two to four Han characters standing alone: "我是想问一下" names no one.
const NAME_ZH = /(?:我叫|我是|我的名字是)[ \t]?(\p{Script=Han}{2,4})(?!\p{Script=Han})/gu;

const lastMatch = (re: RegExp, text: string): RegExpExecArray | null => {
  let last: RegExpExecArray | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m;
  return last;
};

function phoneOf(candidate: string): string {
  const digits = candidate.replace(/\D/g, '');
  const international = candidate.startsWith('+');
  // A Chinese mobile (11 digits from 13–19), or a number given with its country code.
  if (!international && !/^1[3-9]\d{9}$/.test(digits)) return '';
  if (international && (digits.length < 8 || digits.length > 15)) return '';
  return candidate.trim();
}

function nameOf(text: string): string {
  const en = lastMatch(NAME_EN, text);
  const zh = lastMatch(NAME_ZH, text);
  const enAt = en?.index ?? -1;
  const zhAt = zh?.index ?? -1;
  if (zh && zhAt > enAt) return zh[1] ?? '';
  if (!en) return '';
  const [first = '', second = ''] = [en[1], en[2]];
  // "my name is Zhang and I…": a second word counts only when it is capitalised.
  return second && second[0] !== second[0]?.toLowerCase() ? `${first} ${second}` : first;
}

/** The newest of each kind across the visitor's messages (oldest first); '' where none. */
export function extractContact(messages: readonly string[]): Extracted {
  const out: Extracted = { name: '', email: '', phone: '' };
  for (const raw of messages.slice(-MAX_MESSAGES)) {
    const text = raw.slice(0, MAX_CHARS);
    const email = lastMatch(EMAIL, text);
    if (email) out.email = email[0].replace(/\.+$/, '');
    // Emails first out of the way, so their digits are not read as a phone.
    const rest = text.replace(EMAIL, ' ');
    PHONE.lastIndex = 0;
    for (const m of rest.matchAll(PHONE)) {
      const phone = phoneOf(m[0]);
      if (phone) out.phone = phone;
    }
    const name = nameOf(text);
    if (name) out.name = name;
  }
  return out;
}
