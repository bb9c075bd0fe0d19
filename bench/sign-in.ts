import { saveUser } from '../server/auth/user-service.ts';
import { freshStore, startDashboard, trpc } from '../server/testing/dashboard-harness.ts';

// Sign-in answer times for a known email (wrong password) against an unknown email, over HTTP,
// alternating, each from its own address so no limit interferes. Equal times mean the answer
// does not tell an attacker which emails have accounts.
// Run: node --import tsx bench/sign-in.ts [rounds]   (5 rounds keeps within the old per-email limit)
const rounds = Number(process.argv[2] ?? 5);

const ch = await freshStore();
await saveUser(ch, {
  email: 'known@example.com',
  name: 'Known',
  role: 'agent',
  siteIds: [],
  password: 'known-password-1',
});
const d = await startDashboard(ch, { trustProxy: true });
const times = { known: [] as number[], unknown: [] as number[] };
const attempt = async (email: string, i: number) => {
  const start = performance.now();
  const answer = await trpc(
    d.base,
    'auth.signIn',
    { email, password: 'wrong-password' },
    { headers: { 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` } },
  );
  if (answer.status !== 401) throw new Error(`expected 401, got ${answer.status}`);
  return performance.now() - start;
};
await attempt('warm-up@example.com', 9999);
for (let i = 0; i < rounds; i++) {
  times.known.push(await attempt('known@example.com', 2 * i));
  times.unknown.push(await attempt(`nobody-${i}@example.com`, 2 * i + 1));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
for (const [kind, xs] of Object.entries(times)) {
  console.log(
    `${kind.padEnd(8)} median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`,
  );
}
await d.close();
await ch.close();
