'use client';
import { Typography } from 'antd';
import type { RouterOutputs } from '@/app/_lib/trpc';

type Word = RouterOutputs['hotWords']['list'][number];

const MIN_PX = 13;
const MAX_PX = 40;

/**
 * The range's terms sized by how often they were written (square root, so one runaway term
 * does not shrink the rest to dots) and coloured by their change against the period before.
 * Plain buttons in a wrapping row: readable in both scripts, keyboard-reachable, no canvas.
 */
export function WordCloud({ words, onPick }: { words: Word[]; onPick: (term: string) => void }) {
  const max = Math.sqrt(Math.max(1, ...words.map((w) => w.count)));
  // Alphabetical, so the big words are spread through the cloud rather than stacked first.
  const shown = [...words].slice(0, 80).sort((a, b) => a.term.localeCompare(b.term));
  return (
    // What visitors wrote, not interface text: translate="no" tells browsers (and the i18n check) so.
    <div
      translate="no"
      data-testid="word-cloud"
      style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 14px', alignItems: 'baseline', justifyContent: 'center' }}
    >
      {shown.map((w) => {
        const size = MIN_PX + ((MAX_PX - MIN_PX) * Math.sqrt(w.count)) / max;
        const rising = w.count > w.previous;
        return (
          <Typography.Link
            key={w.term}
            onClick={() => onPick(w.term)}
            data-testid="cloud-term"
            style={{
              fontSize: size,
              lineHeight: 1.2,
              fontWeight: size > 26 ? 600 : 400,
              color: rising ? '#389e0d' : w.count < w.previous ? '#8c8c8c' : undefined,
            }}
          >
            {w.term}
          </Typography.Link>
        );
      })}
    </div>
  );
}
