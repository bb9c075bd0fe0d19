// The events this snippet sends, as server/ingest/payload.ts accepts them. The snippet
// imports nothing, so the e2e specs check these shapes against the contract itself.
// Props are passed on as the page gave them (see commands.ts); the server checks their shape.
export type Props = Partial<Record<string, unknown>>;

interface Base {
  url: string;
  ts?: number;
}

export type TrackedEvent = Base &
  (
    | { type: 'pageview'; referrer: string; title: string }
    | { type: 'engagement'; engagedMs: number; scrollPct: number }
    | { type: 'outbound'; href: string }
    | { type: 'custom'; name?: string; props?: Props }
    | { type: 'identify'; name?: string; email?: string; phone?: string }
    | { type: 'order'; orderId?: string; value: number; currency: string }
    | { type: 'exit_intent' }
  );

export type Send = (event: TrackedEvent) => void;
