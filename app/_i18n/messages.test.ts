import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

// Strings that read the same in both languages: brand names, units, symbols, placeholders only.
const SAME_IN_BOTH = /^([\d\s.,:;%/()+\-–—×·…|#{}<>]|LeadTrail|UTM|CSV|URL|OS|IP|ID|EN|DNT|\{[a-zA-Z]+\})*$/;

describe('interface text', () => {
  const en = flatten(MESSAGES.en);
  const zh = flatten(MESSAGES.zh);

  it('has the same keys in English and Chinese', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('has no untranslated Chinese strings', () => {
    const same = [...en].filter(([k, v]) => zh.get(k) === v && !SAME_IN_BOTH.test(v)).map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('has no empty strings', () => {
    expect([...en, ...zh].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });
});
