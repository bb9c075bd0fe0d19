import type { WebSocket } from 'ws';
import type { BusChannels } from '../bus/bus.ts';
import type { Channels } from '../contract/channels.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';

// An agent that cannot keep up is cut off; it reconnects to a fresh snapshot.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** An agent socket as the Live list sees it: the visitors it has been sent. */
export interface LiveWatcher {
  ws: WebSocket;
  /** The visitors this agent has: at most `cap` of them. */
  shown: Set<string>;
}

/** One coalesced change of a site, cut down to what each agent has (capped lists). */
export function pushLiveChange(
  watchers: Iterable<LiveWatcher>,
  { upserts, removes, total }: BusChannels['presence'],
  cap: number,
): void {
  const shared = new Map<string, string>();
  const encode = (key: string, make: () => Channels['agent']['send']) => {
    let text = shared.get(key);
    if (text === undefined) shared.set(key, (text = JSON.stringify(make())));
    return text;
  };
  for (const agent of watchers) {
    if (agent.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      agent.ws.terminate();
      continue;
    }
    const gone = removes.filter((id) => agent.shown.delete(id));
    const fresh: LiveVisitor[] = [];
    for (const v of upserts) {
      if (!agent.shown.has(v.visitorId) && agent.shown.size >= cap) continue;
      agent.shown.add(v.visitorId);
      fresh.push(v);
    }
    // Agents below the cap all get the same messages: encode those once.
    const all = gone.length === removes.length && fresh.length === upserts.length;
    if (gone.length)
      agent.ws.send(
        all
          ? encode('live.remove', () => ({ type: 'live.remove', visitorIds: removes, total }))
          : JSON.stringify({ type: 'live.remove', visitorIds: gone, total }),
      );
    if (fresh.length)
      agent.ws.send(
        all
          ? encode('live.upsert', () => ({ type: 'live.upsert', visitors: upserts, total }))
          : JSON.stringify({ type: 'live.upsert', visitors: fresh, total }),
      );
    if (!gone.length && !fresh.length) agent.ws.send(encode('live.count', () => ({ type: 'live.count', total })));
  }
}
