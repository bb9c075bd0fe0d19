import { pageUrl } from './page';
import type { Sender } from './send';

type Args = unknown[];

/** The public API: leadtrail('track' | 'identify' | 'order' | 'pageview', …). */
export function createCommands(send: Sender, pageview: () => void): (command: string, ...args: Args) => void {
  return (command, ...args) => {
    const arg = (args[0] ?? {}) as Record<string, unknown>;
    if (command === 'track') {
      send({ type: 'custom', url: pageUrl(), name: String(args[0]).slice(0, 128), ...(args[1] ? { props: args[1] } : {}) });
    } else if (command === 'identify') {
      send({ type: 'identify', url: pageUrl(), ...pick(arg, ['name', 'email', 'phone']) });
    } else if (command === 'order') {
      send({ type: 'order', url: pageUrl(), orderId: text(arg.id), value: Number(arg.value), currency: text(arg.currency).toUpperCase() });
    } else if (command === 'pageview') {
      pageview();
    }
  };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (text(source[k])) out[k] = text(source[k]);
  return out;
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
