import { z } from 'zod';

// The wire contract between tracker/ and the ingest endpoint (POST /api/collect).
// Every string is bounded: the endpoint is public and a hostile client must not be
// able to make us store (or parse) arbitrarily large values.

export const LIMITS = {
  bodyBytes: 64 * 1024,
  eventsPerRequest: 50,
  url: 2048,
  title: 512,
  name: 128,
  propKeys: 20,
  propKey: 64,
  propValue: 256,
  identityField: 256,
} as const;

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters of [A-Za-z0-9_-]');
const url = z
  .string()
  .max(LIMITS.url)
  .refine((v) => httpUrl(v) !== undefined, 'must be an absolute http(s) URL');
const text = (max: number) => z.string().max(max);

const urls = new Map<string, URL>();
const URLS_MAX = 2_000;

/**
 * `value` parsed as an absolute http(s) URL, or undefined. Pages and referrers repeat, and
 * validation, the host check and enrichment each need the URL: parsed once per string
 * while it stays in this bounded cache. Callers must not change the URL they get.
 */
export function httpUrl(value: string): URL | undefined {
  const hit = urls.get(value);
  if (hit) return hit;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (urls.size >= URLS_MAX) urls.delete(urls.keys().next().value as string);
  urls.set(value, u);
  return u;
}

const props = z
  .record(text(LIMITS.propKey), z.union([text(LIMITS.propValue), z.number().finite(), z.boolean()]))
  .refine((p) => Object.keys(p).length <= LIMITS.propKeys, `at most ${LIMITS.propKeys} props`);

const base = { url, ts: z.number().int().nonnegative().optional() };

export const trackedEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('pageview'),
    ...base,
    referrer: z.union([url, z.literal('')]).optional(),
    title: text(LIMITS.title).optional(),
  }),
  z.strictObject({
    type: z.literal('engagement'),
    ...base,
    engagedMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600 * 1000),
    // Optional: snippets cached from before it was sent.
    scrollPct: z.number().int().min(0).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('outbound'), ...base, href: url }),
  z.strictObject({ type: z.literal('custom'), ...base, name: text(LIMITS.name).min(1), props: props.optional() }),
  z
    .strictObject({
      type: z.literal('identify'),
      ...base,
      name: text(LIMITS.identityField).optional(),
      email: z.email().max(LIMITS.identityField).optional(),
      phone: z
        .string()
        .regex(/^[+0-9 ()-]{3,32}$/, 'phone must be digits, spaces, + ( ) -')
        .optional(),
    })
    .refine((e) => e.name ?? e.email ?? e.phone, 'identify needs name, email or phone'),
  z.strictObject({
    type: z.literal('order'),
    ...base,
    orderId: text(LIMITS.name).min(1),
    value: z.number().finite().min(0).max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO code'),
  }),
  z.strictObject({ type: z.literal('exit_intent'), ...base }),
]);

export const collectPayload = z.strictObject({
  site: id,
  visitorId: id,
  sessionId: id,
  screen: z
    .string()
    .regex(/^\d{2,5}x\d{2,5}$/)
    .optional(),
  language: z.string().max(35).optional(),
  events: z.array(trackedEvent).min(1).max(LIMITS.eventsPerRequest),
});

export type TrackedEvent = z.infer<typeof trackedEvent>;
export type CollectPayload = z.infer<typeof collectPayload>;
