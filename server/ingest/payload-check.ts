import { collectPayload, httpUrl, LIMITS, type CollectPayload } from './payload.ts';

// The zod schema (payload.ts) is the contract and gives every refusal its reason, but it
// cost ~40 % of what a request's parsing, validation and enrichment took (profiled under
// batched ingest). Nearly every request is a plain page view or engagement: this checks
// those by hand and lets zod decide everything else. The check may only be stricter
// than the schema, never looser (payload-check.test.ts compares both on many inputs):
// what it accepts, the schema accepts, with the same data.

export type PayloadResult = ReturnType<typeof collectPayload.safeParse>;

/** Like `collectPayload.safeParse(json)`, faster for the common requests. */
export function parsePayload(json: unknown): PayloadResult {
  if (isPlainValid(json)) return { success: true, data: json };
  return collectPayload.safeParse(json);
}

const ID = /^[A-Za-z0-9_-]{8,64}$/;
const SCREEN = /^\d{2,5}x\d{2,5}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Only these keys, each holding something `check` accepts (absent keys are fine). */
function only(o: Obj, checks: Record<string, (v: unknown) => boolean>): boolean {
  for (const key in o) {
    if (!Object.hasOwn(checks, key)) return false;
    const check = checks[key] as (v: unknown) => boolean;
    if (!check(o[key])) return false;
  }
  return true;
}

const isUrl = (v: unknown) => isStr(v, LIMITS.url) && httpUrl(v) !== undefined;
const isTs = (v: unknown) => isInt(v, 0, Number.MAX_SAFE_INTEGER);

const PAGEVIEW = {
  type: () => true,
  url: isUrl,
  ts: isTs,
  referrer: (v: unknown) => v === '' || isUrl(v),
  title: (v: unknown) => isStr(v, LIMITS.title),
};
const ENGAGEMENT = {
  type: () => true,
  url: isUrl,
  ts: isTs,
  engagedMs: (v: unknown) => isInt(v, 0, 24 * 3600 * 1000),
  scrollPct: (v: unknown) => isInt(v, 0, 100),
};
const OUTBOUND = { type: () => true, url: isUrl, ts: isTs, href: isUrl };
const EXIT_INTENT = { type: () => true, url: isUrl, ts: isTs };
const isPropValue = (v: unknown) =>
  isStr(v, LIMITS.propValue) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

function isProps(v: unknown): boolean {
  if (!isObj(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  let keys = 0;
  for (const key in v)
    if (++keys > LIMITS.propKeys || key.length > LIMITS.propKey || !isPropValue(v[key])) return false;
  return true;
}
const CUSTOM = {
  type: () => true,
  url: isUrl,
  ts: isTs,
  name: (v: unknown) => isStr(v, LIMITS.name) && v.length >= 1,
  props: isProps,
};

function isPlainEvent(e: unknown): boolean {
  if (!isObj(e) || Object.getPrototypeOf(e) !== Object.prototype || typeof e['url'] !== 'string') return false;
  switch (e['type']) {
    case 'pageview':
      return only(e, PAGEVIEW);
    case 'engagement':
      return e['engagedMs'] !== undefined && only(e, ENGAGEMENT);
    case 'outbound':
      return e['href'] !== undefined && only(e, OUTBOUND);
    case 'custom':
      return e['name'] !== undefined && only(e, CUSTOM);
    case 'exit_intent':
      return only(e, EXIT_INTENT);
    default:
      return false; // identify, order: the schema decides
  }
}

const PAYLOAD = {
  site: (v: unknown) => typeof v === 'string' && ID.test(v),
  visitorId: (v: unknown) => typeof v === 'string' && ID.test(v),
  sessionId: (v: unknown) => typeof v === 'string' && ID.test(v),
  screen: (v: unknown) => isStr(v, 11) && SCREEN.test(v),
  language: (v: unknown) => isStr(v, 35),
  events: (v: unknown) =>
    Array.isArray(v) && v.length >= 1 && v.length <= LIMITS.eventsPerRequest && v.every(isPlainEvent),
};

/** True when the hand check alone accepts `json` (exported for its test). */
export function isPlainValid(json: unknown): json is CollectPayload {
  return (
    isObj(json) &&
    Object.getPrototypeOf(json) === Object.prototype &&
    json['site'] !== undefined &&
    json['visitorId'] !== undefined &&
    json['sessionId'] !== undefined &&
    json['events'] !== undefined &&
    only(json, PAYLOAD)
  );
}
