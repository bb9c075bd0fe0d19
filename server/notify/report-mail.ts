import type { MailLanguage } from '../contract/notify.ts';
import type { Money } from '../contract/money.ts';
import type { OutgoingMail } from '../mail/outbox.ts';
import type { SessionAttributeRow } from '../queries/session-attribute.ts';
import { REPORT_TEXT } from './notify-text.ts';
import type { ReportFigures } from './report-figures.ts';

// The report as a mail: HTML with inline styles only (mail clients drop <style> and
// classes), the traffic chart as an inline PNG by cid, and the same content as plain text.

export const CHART_CID = 'traffic-chart@leadtrail';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface ReportMailInput {
  id: string;
  to: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  lang: MailLanguage;
  figures: ReportFigures;
  chartPng: Buffer;
  unsubscribeUrl: string;
  test: boolean;
}

/** "+12%", "−5%", "new" or "–" against the period before. */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '–' : '+∞';
  const pct = Math.round(((now - before) / before) * 100);
  return pct > 0 ? `+${pct}%` : pct < 0 ? `−${Math.abs(pct)}%` : '0%';
}

const money = (list: Money[], currency: string) => list.find((m) => m.currency === currency)?.value ?? 0;

export function chartLabels(f: ReportFigures, timeZone: string): string[] {
  const fmt = new Intl.DateTimeFormat(
    'en-GB',
    f.range.bucket === 'hour'
      ? { timeZone, hour: '2-digit', hourCycle: 'h23' }
      : { timeZone, month: '2-digit', day: '2-digit' },
  );
  return f.series.map((p) => fmt.format(p.at));
}

export function reportMail(input: ReportMailInput): OutgoingMail {
  const t = REPORT_TEXT[input.lang];
  const f = input.figures;
  const locale = input.lang === 'zh' ? 'zh-CN' : 'en-US';
  const num = (n: number) => n.toLocaleString(locale);
  const period = f.range.firstDay === f.range.lastDay ? f.range.firstDay : `${f.range.firstDay} – ${f.range.lastDay}`;
  const title = input.test ? t.test : f.frequency === 'daily' ? t.daily : t.weekly;
  const currencies = [...new Set([...f.kpis.revenue, ...f.previous.revenue].map((m) => m.currency))].sort();
  const rows: [string, string, string, string][] = [
    [t.visitors, num(f.kpis.visitors), num(f.previous.visitors), change(f.kpis.visitors, f.previous.visitors)],
    [t.chats, num(f.kpis.chats), num(f.previous.chats), change(f.kpis.chats, f.previous.chats)],
    [t.leads, num(f.kpis.leads), num(f.previous.leads), change(f.kpis.leads, f.previous.leads)],
    [t.orders, num(f.kpis.orders), num(f.previous.orders), change(f.kpis.orders, f.previous.orders)],
    ...currencies.map((c): [string, string, string, string] => {
      const now = money(f.kpis.revenue, c);
      const before = money(f.previous.revenue, c);
      const fmt = (v: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: c }).format(v);
      return [`${t.revenue} (${c})`, fmt(now), fmt(before), change(now, before)];
    }),
  ];
  const gaps = f.gaps.slice(0, 10).map((g) => t.gap(t.weekdays[g.weekday] ?? '', g.hour, g.needed, g.seen));
  const attr = (list: SessionAttributeRow[]) => list.map((r) => [r.value, num(r.visitors)] as const);
  const funnel = f.funnel.map((n, i) => [t.funnelSteps[i] ?? '', num(n)] as const);

  const text = [
    `${title} · ${input.siteName} · ${period} (${input.timeZone})`,
    '',
    `${t.metric} | ${period} | ${t.previous} | ${t.change}`,
    ...rows.map((r) => r.join(' | ')),
    '',
    `${t.sources}:`,
    ...(f.sources.length ? attr(f.sources).map(([v, n]) => `  ${v}: ${n}`) : [`  ${t.none}`]),
    `${t.campaigns}:`,
    ...(f.campaigns.length ? attr(f.campaigns).map(([v, n]) => `  ${v}: ${n}`) : [`  ${t.none}`]),
    '',
    `${t.funnel}:`,
    ...funnel.map(([s, n]) => `  ${s}: ${n}`),
    '',
    `${t.staffing}:`,
    ...(gaps.length ? gaps.map((g) => `  ${g}`) : [`  ${t.noGaps}`]),
    '',
    t.why,
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
  ].join('\n');

  const td = 'padding:6px 10px;border-bottom:1px solid #eee;';
  const th = `${td}text-align:left;color:#666;font-weight:normal;`;
  const table = (head: string[], body: readonly (readonly string[])[]) =>
    `<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0 20px;font-size:14px;">` +
    `<tr>${head.map((h) => `<th style="${th}">${esc(h)}</th>`).join('')}</tr>` +
    body.map((r) => `<tr>${r.map((c) => `<td style="${td}">${esc(c)}</td>`).join('')}</tr>`).join('') +
    `</table>`;
  const h2 = (s: string) => `<h2 style="font-size:16px;margin:16px 0 4px;color:#1f1f1f;">${esc(s)}</h2>`;
  const html = `<!doctype html><html><body style="margin:0;padding:0;background:#f5f6f8;">
<div style="max-width:640px;margin:0 auto;padding:20px;font-family:Arial,Helvetica,sans-serif;color:#1f1f1f;background:#fff;">
<h1 style="font-size:20px;margin:0 0 4px;">${esc(title)} · ${esc(input.siteName)}</h1>
<p style="margin:0 0 16px;color:#666;font-size:13px;">${esc(t.period)}: ${esc(period)} (${esc(input.timeZone)})</p>
${table([t.metric, period, t.previous, t.change], rows)}
${h2(t.traffic)}
<img src="cid:${CHART_CID}" width="600" height="220" alt="${esc(t.traffic)}" style="display:block;max-width:100%;height:auto;border:0;">
${h2(t.sources)}${f.sources.length ? table([t.source, t.visitors], attr(f.sources)) : `<p>${esc(t.none)}</p>`}
${h2(t.campaigns)}${f.campaigns.length ? table([t.campaign, t.visitors], attr(f.campaigns)) : `<p>${esc(t.none)}</p>`}
${h2(t.funnel)}${table(['', ''], funnel)}
${h2(t.staffing)}${gaps.length ? `<ul style="font-size:14px;">${gaps.map((g) => `<li>${esc(g)}</li>`).join('')}</ul>` : `<p>${esc(t.noGaps)}</p>`}
<p style="margin-top:24px;color:#888;font-size:12px;">${esc(t.why)} <a href="${esc(input.unsubscribeUrl)}" style="color:#1677ff;">${esc(t.unsubscribe)}</a></p>
</div></body></html>`;

  return {
    id: input.id,
    kind: 'report',
    siteId: input.siteId,
    to: [input.to],
    subject: t.subject(input.siteName, period),
    text,
    html,
    messageId: `<${input.id}@leadtrail.local>`,
    headers: { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    attachments: [
      {
        filename: 'traffic.png',
        contentType: 'image/png',
        cid: CHART_CID,
        contentBase64: input.chartPng.toString('base64'),
      },
    ],
  };
}
