import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  // A literal key must name a string: one that names a group of strings (or nothing) shows
  // the raw key on screen, and no type check catches it.
  it('has a string for every literal key the screens ask for', () => {
    const files = (readdirSync('app', { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'),
    );
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(join('app', file), 'utf8');
      // Components of one file may name their translators alike: a call belongs to the
      // nearest declaration of its name above it.
      const declared = [...source.matchAll(/const (\w+) = useTranslations\('([\w.]+)'\)/g)].map((m) => ({
        name: m[1]!,
        namespace: m[2]!,
        at: m.index,
      }));
      for (const name of new Set(declared.map((d) => d.name))) {
        for (const call of source.matchAll(new RegExp(`\\b${name}\\('([\\w.]+)'`, 'g'))) {
          const namespace = declared.filter((d) => d.name === name && d.at < call.index).at(-1)?.namespace;
          if (namespace && !en.has(`${namespace}.${call[1]!}`)) missing.push(`${file}: ${namespace}.${call[1]!}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
