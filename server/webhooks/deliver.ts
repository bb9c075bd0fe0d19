import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookError } from '../contract/webhooks.ts';
import { isPrivateAddress } from './safe-address.ts';

export interface DeliveryOptions {
  timeoutMs: number;
  /** WEBHOOKS_ALLOW_PRIVATE: an admin lets webhooks reach loopback and private networks. */
  allowPrivate: boolean;
}

export interface DeliveryResult {
  ok: boolean;
  /** The receiver's status code; 0 when none came back. */
  status: number;
  error: WebhookError | '';
  durationMs: number;
}

class RefusedAddress extends Error {
  readonly code = 'LT_REFUSED_ADDRESS';
}

/** dns.lookup that refuses private answers, so the socket connects only to an address that passed. */
const safeLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const list = addresses;
    const bad = list.find((a) => isPrivateAddress(a.address));
    // One private answer refuses the name: a round-robin of public and private must not pass by luck.
    if (bad || list.length === 0) return callback(new RefusedAddress(hostname), '', 4);
    if (options.all) return callback(null, list);
    const first = list[0];
    return first ? callback(null, first.address, first.family) : callback(new RefusedAddress(hostname), '', 4);
  });
};

/**
 * POSTs one webhook body. Redirects are not followed (a 3xx is a failed attempt: its
 * target was never checked); the whole exchange has one deadline; the answer's body is
 * read and dropped (receivers' bodies are not kept).
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const started = Date.now();
  const done = (ok: boolean, status: number, error: DeliveryResult['error']): DeliveryResult => ({
    ok,
    status,
    error,
    durationMs: Date.now() - started,
  });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.resolve(done(false, 0, 'bad_url'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(done(false, 0, 'bad_url'));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal never goes through the lookup: check it here.
  if (!options.allowPrivate && isIP(host) && isPrivateAddress(host))
    return Promise.resolve(done(false, 0, 'refused_address'));

  return new Promise((resolve) => {
    const requestOptions: RequestOptions = {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      lookup: options.allowPrivate ? undefined : safeLookup,
      timeout: options.timeoutMs,
      agent: false,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const req = send(url, requestOptions, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => {
        if (status >= 200 && status < 300) finish(done(true, status, ''));
        else finish(done(false, status, status >= 300 && status < 400 ? 'redirect' : 'http_status'));
      });
      res.on('error', () => finish(done(false, status, 'network')));
    });
    // `timeout` only notices an idle socket; a receiver trickling bytes meets this deadline.
    const deadline = setTimeout(() => {
      finish(done(false, 0, 'timeout'));
      req.destroy();
    }, options.timeoutMs);
    req.on('timeout', () => {
      finish(done(false, 0, 'timeout'));
      req.destroy();
    });
    req.on('error', (error: Error & { code?: string }) =>
      finish(done(false, 0, error.code === 'LT_REFUSED_ADDRESS' ? 'refused_address' : 'network')),
    );
    req.end(body);
  });
}
