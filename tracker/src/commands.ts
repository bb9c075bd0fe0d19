import type { Props, Send } from './events';
import { pageUrl } from './url';

export type Command = (name: unknown, ...args: unknown[]) => void;
type Fields = Partial<Record<string, unknown>>;

/**
 * The public API: leadtrail('track', name, props?), leadtrail('identify', {name?, email?, phone?}),
 * leadtrail('order', {id, value, currency}), leadtrail('pageview'). Text that varies at run
 * time (a name, a search term) is cut to the contract's bounds so a long value does not
 * cost the whole event. A call the contract refuses (no name, no id, an invalid e-mail)
 * is the page's bug: it is sent anyway, and the server's 4xx reason in the browser's
 * network panel says what is wrong.
 */
export function createCommands(send: Send, pageview: () => void): Command {
  return (command, first, second) => {
    const url = pageUrl();
    const fields = asFields(first);
    if (command === 'track') {
      send({ type: 'custom', url, name: text(first, 128), props: second ? props(second) : undefined });
    } else if (command === 'identify') {
      send({
        type: 'identify',
        url,
        name: text(fields['name'], 256),
        email: text(fields['email'], 256),
        phone: text(fields['phone'], 32),
      });
    } else if (command === 'order') {
      send({
        type: 'order',
        url,
        orderId: text(fields['id'], 128),
        value: Number(fields['value']),
        currency: String(fields['currency']).toUpperCase(),
      });
    } else if (command === 'pageview') {
      pageview();
    }
  };
}

function asFields(value: unknown): Fields {
  return value && typeof value === 'object' ? value : {};
}

/** Strings and numbers as text cut to `max`; anything else, and '' (a form's empty field), is left out. */
function text(value: unknown, max: number): string | undefined {
  return ((typeof value === 'string' || typeof value === 'number') && String(value).slice(0, max)) || undefined;
}

/** Long string values are cut; a wrong shape (nested objects, too many keys) is the page's bug, for the server to refuse. */
function props(value: unknown): Props {
  const out: Props = {};
  const source = asFields(value);
  for (const key of Object.keys(source)) {
    const v = source[key];
    out[key] = typeof v === 'string' ? v.slice(0, 256) : v;
  }
  return out;
}
