import { httpUrl } from './payload.ts';
export interface Attribution {
  referrerDomain: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmTerm: string;
  utmContent: string;
  clickIdType: string;
  clickId: string;
}

// Ad-platform click ids, first match wins: they tell paid traffic apart even when a
// campaign forgot its UTM tags.
const CLICK_IDS = [
  'gclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'fbclid',
  'ttclid',
  'li_fat_id',
  'twclid',
  'bd_vid',
  'qclid',
] as const;
const MAX_PARAM = 256;

/** Where a page view came from: the referrer's domain (external only), UTM tags, click id. */
export function attribute(pageUrl: URL, referrer: string): Attribution {
  const q = pageUrl.searchParams;
  const param = (k: string) => (q.get(k) ?? '').slice(0, MAX_PARAM);
  const clickIdType = CLICK_IDS.find((k) => q.has(k)) ?? '';
  return {
    referrerDomain: referrerDomain(pageUrl, referrer),
    utmSource: param('utm_source').toLowerCase(),
    utmMedium: param('utm_medium').toLowerCase(),
    utmCampaign: param('utm_campaign'),
    utmTerm: param('utm_term'),
    utmContent: param('utm_content'),
    clickIdType,
    clickId: clickIdType ? param(clickIdType) : '',
  };
}

function referrerDomain(pageUrl: URL, referrer: string): string {
  if (!referrer) return '';
  const url = httpUrl(referrer) ?? anyUrl(referrer);
  if (!url) return '';
  const host = url.hostname.replace(/^www\./, '');
  return host === pageUrl.hostname.replace(/^www\./, '') ? '' : host;
}

function anyUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
