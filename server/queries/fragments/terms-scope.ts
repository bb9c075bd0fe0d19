import type { ReportFilters } from '../../contract/report-input.ts';
import { sourceName } from '../../sources/source-name.ts';

// The hot-words reports' WHERE over visitor_terms: one site, a window bound by the caller as
// {from:Int64}/{to:Int64} (epoch ms), and the page filters the rows carry (country, entry
// source by name, campaign). Device and page filters do not apply: a message has no device
// or page of its own in this table.
export const TERMS_FILTERS = `site_id = {siteId:String}
  AND ({fCountry:String} = '' OR country = {fCountry:String})
  AND ({fSource:String} = '' OR source = {fSource:String})
  AND ({fCampaign:String} = '' OR campaign = {fCampaign:String})`;

export const TERMS_WINDOW = `ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})`;

export function termsParams(siteId: string, filters: ReportFilters): Record<string, string> {
  return {
    siteId,
    fCountry: filters.country ?? '',
    fSource: filters.source ? sourceName(filters.source) : '',
    fCampaign: filters.campaign ?? '',
  };
}
