'use client';
import { useSyncExternalStore, type ReactNode } from 'react';

// One timer for every ticking number on the screen: cells that show elapsed time
// re-render each second on their own, the table around them does not.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated every second. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}

/** Time since `since`, ticking every second without re-rendering anything around it; `wrap` puts it in a sentence. */
export function Elapsed({
  since,
  format,
  wrap,
}: {
  since: number;
  format: (ms: number) => string;
  wrap?: (text: string) => ReactNode;
}) {
  const text = format(Math.max(0, useNow() - since));
  return <>{wrap ? wrap(text) : text}</>;
}
