// Page views at a steady rate, from a process of its own so the load does not share an
// event loop with the client that times acknowledgements. Stops on SIGTERM and prints
// `accepted N`. Usage: pageview-load.ts --port P --site KEY --rate 300 --chatters 200
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    site: { type: 'string', default: 'bench-site' },
    rate: { type: 'string', default: '300' },
    chatters: { type: 'string', default: '200' },
  },
});
const url = `http://127.0.0.1:${values.port}/api/collect`;
const perTick = Math.max(1, Math.round(Number(values.rate) / 10));
const chatters = Number(values.chatters);
let accepted = 0;
let running = true;
process.on('SIGTERM', () => (running = false));

for (let tick = 0; running; tick++) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: perTick }, (_, k) => {
      const n = tick * perTick + k;
      // A third are the chatting visitors' own page views (their leads read them), the rest a crowd's.
      const visitorId = n % 3 === 0 ? `ack-visitor-${String(n % chatters).padStart(4, '0')}` : `crowd-${n % 5000}`;
      const body = {
        site: values.site,
        visitorId,
        sessionId: `${visitorId}-s`,
        events: [{ type: 'pageview', url: `https://bench.example/p/${n % 40}`, referrer: 'https://www.google.com/' }],
      };
      return fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) }).then(
        (r) => {
          if (r.status === 202) accepted++;
        },
        () => undefined,
      );
    }),
  );
  await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - started))));
}
console.log(`accepted ${accepted}`);
