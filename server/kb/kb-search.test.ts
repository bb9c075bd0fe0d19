import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../contract/kb.ts';
import { DEFAULT_ROBOT_CONFIDENCE, KbSearchIndex } from './kb-search.ts';

const SITE = 'site-kb';
let version = 0;
function article(
  articleId: string,
  language: 'en' | 'zh',
  question: string,
  answer: string,
  alternates: string[] = [],
): KbArticle {
  return {
    siteId: SITE,
    articleId,
    version: ++version,
    question,
    alternates,
    answer,
    category: 'shop',
    language,
    selfServiceUrl: '',
    enabled: true,
    editedBy: 'u1',
    editedAt: 0,
  };
}

const ARTICLES = [
  article(
    'kb_ship',
    'en',
    'How long does shipping take?',
    'Orders leave our warehouse within 24 hours; delivery takes 3-5 business days.',
    ['When will my order arrive?'],
  ),
  article(
    'kb_return',
    'en',
    'How do I return an item?',
    'Start a return from your account within 30 days; we email a prepaid label.',
    ['Can I send something back?'],
  ),
  article(
    'kb_refund',
    'en',
    'When do I get my refund?',
    'Refunds reach your card 5-10 days after we receive the parcel.',
  ),
  article(
    'kb_size',
    'en',
    'Which size should I choose?',
    'Our sizes run small: pick one size up. See the size chart on each product page.',
  ),
  article(
    'kb_invoice',
    'en',
    'Can I get an invoice for my order?',
    'Invoices are in your account under Orders; click Download invoice.',
  ),
  article('kb_pay', 'en', 'Which payment methods do you accept?', 'Visa, Mastercard, PayPal and Apple Pay.'),
  article('kb_zh_ship', 'zh', '多久能发货？', '下单后24小时内发货，一般3到5天送达。', ['什么时候能收到快递']),
  article('kb_zh_return', 'zh', '怎么退货？', '签收后7天内可以在“我的订单”里申请退货，运费由我们承担。', [
    '不想要了可以退吗',
  ]),
  article('kb_zh_invoice', 'zh', '可以开发票吗？', '可以，在订单详情页点击“申请发票”，电子发票会发到您的邮箱。'),
  article('kb_zh_size', 'zh', '尺码怎么选？', '我们的尺码偏小，建议选大一码，详见商品页的尺码表。'),
  article('kb_zh_pay', 'zh', '支持哪些付款方式？', '支持支付宝、微信支付和银行卡。'),
];

function index(): KbSearchIndex {
  const ix = new KbSearchIndex();
  ix.apply(SITE, ARTICLES, [
    ['refund', 'money back'],
    ['退款', '退钱'],
  ]);
  (ix as unknown as { ready: boolean }).ready = true;
  return ix;
}

const top = (ix: KbSearchIndex, q: string, language?: string) => ix.search(SITE, q, { language })[0];

describe('knowledge search', () => {
  it('finds English and Chinese articles from visitors’ wording', () => {
    const ix = index();
    expect(top(ix, 'how long until my order arrives')?.articleId).toBe('kb_ship');
    expect(top(ix, 'i want to send back these shoes')?.articleId).toBe('kb_return');
    expect(top(ix, '衣服尺码偏小吗')?.articleId).toBe('kb_zh_size');
    expect(top(ix, '能开发票吗')?.articleId).toBe('kb_zh_invoice');
  });

  it('forgives a typo and matches a word still being typed', () => {
    const ix = index();
    expect(top(ix, 'invocie for my order')?.articleId).toBe('kb_invoice');
    expect(top(ix, 'payment meth')?.articleId).toBe('kb_pay');
  });

  it('puts back two swapped letters, which fuzzy matching of a short word does not reach', () => {
    const ix = index();
    expect(top(ix, 'retrun')?.articleId).toBe('kb_return');
    expect(top(ix, 'chosoe a size')?.articleId).toBe('kb_size');
  });

  it('matches a misspelt word by its spelling when the stemmer has cut it short', () => {
    const ix = index();
    ix.apply(SITE, [article('kb_express', 'en', 'Do you offer express shipping?', 'Yes, 1-2 days.')]);
    // "expres" stems to "expr", two edits from "express"; as typed it is one ("?": no prefix match).
    expect(top(ix, 'expres?')?.articleId).toBe('kb_express');
  });

  it('leaves conversational filler out of the question', () => {
    const ix = index();
    ix.apply(SITE, [article('kb_wrap', 'en', 'Is gift wrapping possible?', 'Yes, at checkout.')]);
    // "possible" would match the wrapping article and halve the refund's share of the question.
    const hit = top(ix, 'I was wondering if it is possible to get my refund');
    expect(hit?.articleId).toBe('kb_refund');
    expect(hit?.confidence).toBeGreaterThanOrEqual(DEFAULT_ROBOT_CONFIDENCE);
    // Filler alone is still searched: it is all the visitor wrote.
    expect(top(ix, 'possible?')?.articleId).toBe('kb_wrap');
  });

  it('knows everyday customer words for the same thing', () => {
    const ix = index();
    ix.apply(SITE, [
      article('kb_hours', 'en', 'What are your customer service hours?', 'Monday to Friday, 9 to 6.'),
      article('kb_collect', 'en', 'Is click and collect available?', 'Yes, in every store.'),
    ]);
    expect(top(ix, 'when is support available')?.articleId).toBe('kb_hours');
  });

  it('knows how customers word routine topics without the article’s words', () => {
    const ix = index();
    // None of these questions shares a word with its article: only the everyday groups link them.
    expect(top(ix, 'these trousers feel too tight')?.articleId).toBe('kb_size');
    expect(top(ix, 'i need proof of purchase')?.articleId).toBe('kb_invoice');
    expect(top(ix, 'when am i paid back')?.articleId).toBe('kb_refund');
  });

  it('expands synonyms', () => {
    const ix = index();
    expect(top(ix, 'where is my money back')?.articleId).toBe('kb_refund');
  });

  it('answers traditional characters and full-width letters', () => {
    const ix = index();
    expect(top(ix, '請問怎麼退貨')?.articleId).toBe('kb_zh_return');
    expect(top(ix, 'ＩＮＶＯＩＣＥ')?.articleId).toBe('kb_invoice');
  });

  it('is confident on a clear match and declines what no article answers', () => {
    const ix = index();
    expect(top(ix, 'how do i return an item')?.confidence).toBeGreaterThanOrEqual(DEFAULT_ROBOT_CONFIDENCE);
    const unanswerable = ['do you have a store in Paris', 'is the blue jacket waterproof', '你们的门店在哪里'];
    for (const q of unanswerable) expect(top(ix, q)?.confidence ?? 0, q).toBeLessThan(DEFAULT_ROBOT_CONFIDENCE);
  });

  it('filters by language, leaves disabled articles out and returns nothing before it is ready', () => {
    const ix = index();
    expect(ix.search(SITE, 'invoice 发票', { language: 'zh' }).every((h) => h.language === 'zh')).toBe(true);
    ix.apply(SITE, [{ ...ARTICLES[4]!, version: ++version, enabled: false }]);
    expect(ix.search(SITE, 'invoice').some((h) => h.articleId === 'kb_invoice')).toBe(false);
    expect(new KbSearchIndex().search(SITE, 'invoice')).toEqual([]);
  });

  it('ranks articles agents pick above equal ones', () => {
    const ix = index();
    ix.apply(SITE, [
      article('kb_a', 'en', 'Gift wrapping', 'We wrap gifts for free.'),
      article('kb_b', 'en', 'Gift wrapping options', 'Gift wrapping costs nothing.'),
    ]);
    const before = ix.search(SITE, 'gift wrapping').map((h) => h.articleId);
    const lower = before[1]!;
    for (let i = 0; i < 5; i++) ix.noteUse(SITE, lower, 'picked');
    expect(ix.search(SITE, 'gift wrapping')[0]?.articleId).toBe(lower);
  });
});
