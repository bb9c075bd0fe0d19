// One slice of the realtime bench's crowd, in a process of its own: a process may hold only
// as many sockets as its open-file limit allows, and one source address has ~28k ephemeral
// ports towards one server port, so the bench spreads its visitors over several of these
// processes and over the loopback addresses 127.0.0.2… (the whole of 127.0.0.0/8 is local).
// Usage: realtime-crowd.ts --port P --site S --from I --count N --addresses 127.0.0.2,127.0.0.3
// Prints `connected N` once all are open (or `failed REASON`), then holds them, each sending
// the snippet's heartbeat every 15 s, until SIGTERM or its stdin closes.
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    site: { type: 'string', default: 'bench-site' },
    from: { type: 'string', default: '0' },
    count: { type: 'string', default: '1000' },
    addresses: { type: 'string', default: '127.0.0.2' },
    'at-once': { type: 'string', default: '250' },
  },
});
const port = Number(values.port);
const from = Number(values.from);
const count = Number(values.count);
const addresses = values.addresses.split(',');
const atOnce = Number(values['at-once']);
const HEARTBEAT_MS = 15_000;
// Real pages beat out of phase: a tenth of a second's share at a time, not a fifteenth of the crowd at once.
const SLICES = 150;

// The same ids as bench/realtime.ts gives its measured visitors (which come after the crowd's).
const benchVisitorId = (i: number): string => `bench-visitor-${String(i).padStart(6, '0')}`;

const sockets: WebSocket[] = [];
let closedEarly = 0;

function connect(i: number): Promise<WebSocket> {
  const id = benchVisitorId(i);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/visitor`, {
    localAddress: addresses[i % addresses.length],
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      ws.send(
        JSON.stringify({
          type: 'hello',
          site: values.site,
          visitorId: id,
          sessionId: `${id}-s`,
          url: 'https://bench.example/pricing',
        }),
      ),
    );
    ws.on('message', (data: Buffer) => {
      if (data.toString().includes('"type":"welcome"')) resolve(ws);
    });
    ws.once('close', (code, reason) => {
      closedEarly++;
      reject(new Error(`visitor socket closed: ${code} ${reason.toString()}`));
    });
  });
}

try {
  for (let i = 0; i < count; i += atOnce) {
    const batch = Array.from({ length: Math.min(atOnce, count - i) }, (_, k) => connect(from + i + k));
    sockets.push(...(await Promise.all(batch)));
  }
  console.log(`connected ${sockets.length}`);
} catch (error) {
  console.log(`failed ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The snippet's heartbeat, a slice of the crowd at a time rather than one timer per socket.
let tick = 0;
const beat = setInterval(() => {
  const slice = tick++ % SLICES;
  for (let i = slice; i < sockets.length; i += SLICES) {
    const ws = sockets[i]!;
    if (ws.readyState === ws.OPEN) ws.send('{"type":"ping"}');
  }
}, HEARTBEAT_MS / SLICES);

const stop = () => {
  clearInterval(beat);
  if (closedEarly) console.log(`closed-early ${closedEarly}`);
  for (const ws of sockets) ws.terminate();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
