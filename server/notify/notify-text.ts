import type { AlertItem, MailLanguage } from '../contract/notify.ts';

// The words of alert and report mail in the recipient's language. Mail is written in the
// server, so its strings live here, beside the code that fills them, in both languages.

const fig = (a: AlertItem, k: string) => String(a.figures[k] ?? 0);

const ALERT_TEXT = {
  en: {
    traffic_spike: (a: AlertItem) =>
      `Traffic spike: ${fig(a, 'pageviews')} page views this hour, usually ${fig(a, 'usual')}`,
    traffic_drop: (a: AlertItem) =>
      `Traffic drop: ${fig(a, 'pageviews')} page views last hour, usually ${fig(a, 'usual')}`,
    visitor_waiting: (a: AlertItem) => `A visitor has waited ${fig(a, 'seconds')} s for an agent`,
    no_agent: (a: AlertItem) => `No agent online in an hour that usually brings ${fig(a, 'requests')} chat requests`,
    delivery_failing: (a: AlertItem) => `Mail or webhook delivery has been failing for ${fig(a, 'minutes')} minutes`,
    subject: (site: string, line: string) => `[${site}] ${line}`,
    open: 'Open in LeadTrail',
    why: 'You get this mail because "Email me alerts" is on in your LeadTrail account.',
  },
  zh: {
    traffic_spike: (a: AlertItem) => `流量激增：本小时 ${fig(a, 'pageviews')} 次浏览，通常 ${fig(a, 'usual')} 次`,
    traffic_drop: (a: AlertItem) => `流量骤降：上一小时 ${fig(a, 'pageviews')} 次浏览，通常 ${fig(a, 'usual')} 次`,
    visitor_waiting: (a: AlertItem) => `有访客已等待客服 ${fig(a, 'seconds')} 秒`,
    no_agent: (a: AlertItem) => `通常有 ${fig(a, 'requests')} 个对话请求的时段，当前无客服在线`,
    delivery_failing: (a: AlertItem) => `邮件或 Webhook 投递已连续失败 ${fig(a, 'minutes')} 分钟`,
    subject: (site: string, line: string) => `[${site}] ${line}`,
    open: '在 LeadTrail 中查看',
    why: '您收到此邮件，是因为您在 LeadTrail 账户中开启了"邮件通知告警"。',
  },
} as const;

export function alertLine(a: AlertItem, lang: MailLanguage): string {
  return ALERT_TEXT[lang][a.kind](a);
}

export function alertMailText(lang: MailLanguage) {
  const t = ALERT_TEXT[lang];
  return { subject: t.subject, open: t.open, why: t.why };
}

export const REPORT_TEXT = {
  en: {
    subject: (site: string, period: string) => `${site}: your report for ${period}`,
    daily: 'Daily report',
    weekly: 'Weekly report',
    test: 'Test report',
    period: 'Period',
    previous: 'previous',
    metric: 'Metric',
    change: 'Change',
    visitors: 'Visitors',
    chats: 'Chats',
    leads: 'Leads',
    orders: 'Orders',
    revenue: 'Revenue',
    traffic: 'Traffic (visitors)',
    sources: 'Top sources',
    campaigns: 'Top campaigns',
    source: 'Source',
    campaign: 'Campaign',
    none: 'None in this period.',
    funnel: 'Consult-to-order funnel',
    funnelSteps: ['Visitors', 'Invitation shown', 'Accepted', 'Chatted', 'Leads', 'Ordered'],
    staffing: 'Staffing gaps (fewer agents seen than needed, average per week)',
    gap: (day: string, hour: number, needed: number, seen: number) =>
      `${day} ${String(hour).padStart(2, '0')}:00 — needed ${needed}, seen ${seen}`,
    noGaps: 'No understaffed hours.',
    weekdays: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    unsubscribe: 'Unsubscribe from these reports',
    why: 'You get this report because scheduled reports are on in your LeadTrail account.',
  },
  zh: {
    subject: (site: string, period: string) => `${site}：${period} 报告`,
    daily: '日报',
    weekly: '周报',
    test: '测试报告',
    period: '周期',
    previous: '上期',
    metric: '指标',
    change: '变化',
    visitors: '访客',
    chats: '对话',
    leads: '线索',
    orders: '订单',
    revenue: '收入',
    traffic: '流量（访客）',
    sources: '主要来源',
    campaigns: '主要推广活动',
    source: '来源',
    campaign: '推广活动',
    none: '本期没有数据。',
    funnel: '咨询到成交漏斗',
    funnelSteps: ['访客', '邀请展示', '接受邀请', '发起对话', '线索', '下单'],
    staffing: '人手缺口（实际客服少于所需，每周平均）',
    gap: (day: string, hour: number, needed: number, seen: number) =>
      `${day} ${String(hour).padStart(2, '0')}:00 — 需要 ${needed} 人，实际 ${seen} 人`,
    noGaps: '没有人手不足的时段。',
    weekdays: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    unsubscribe: '退订这些报告',
    why: '您收到此报告，是因为您在 LeadTrail 账户中开启了定期报告。',
  },
} as const;
