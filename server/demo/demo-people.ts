// Who the demo's leads are and what they say: names, contact details and chat scripts
// in the visitor's language, so transcripts and lead lists read like a real shop's.
import { getExampleNumber, type CountryCode } from 'libphonenumber-js';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import type { Random } from './random.ts';

const CN_SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['周', 'zhou'],
  ['吴', 'wu'],
] as const;
const CN_GIVEN = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['婷', 'ting'],
  ['强', 'qiang'],
  ['晓明', 'xiaoming'],
  ['雪', 'xue'],
] as const;
const EN_FIRST = [
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Sophie',
  'Lukas',
  'Yuki',
  'Camille',
  'Priya',
  'Lucas',
  'Min-jun',
  'Chloe',
];
const EN_LAST = [
  'Smith',
  'Brown',
  'Becker',
  'Sato',
  'Martin',
  'Sharma',
  'Silva',
  'Kim',
  'Taylor',
  'Wilson',
  'Tan',
  'Nguyen',
];
const CALLING_CODES: Record<string, string> = {
  CN: '+86',
  TW: '+886',
  US: '+1',
  CA: '+1',
  GB: '+44',
  DE: '+49',
  JP: '+81',
  SG: '+65',
  AU: '+61',
  FR: '+33',
  BR: '+55',
  IN: '+91',
  KR: '+82',
};
const MAIL_DOMAINS = {
  zh: ['qq.com', '163.com', 'foxmail.com', 'outlook.com'],
  en: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'],
};

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

export const writesChinese = (country: string) => country === 'CN' || country === 'TW';

export function contactFor(rnd: Random, country: string, needsPhone = false): Contact {
  const zh = writesChinese(country);
  let name: string;
  let mailbox: string;
  if (zh) {
    const [surname, surnamePinyin] = rnd.pick(CN_SURNAMES);
    const [given, givenPinyin] = rnd.pick(CN_GIVEN);
    name = surname + given;
    mailbox = `${surnamePinyin}${givenPinyin}${rnd.int(1, 999)}`;
  } else {
    const first = rnd.pick(EN_FIRST);
    const last = rnd.pick(EN_LAST);
    name = `${first} ${last}`;
    mailbox = `${first}.${last}${rnd.int(1, 99)}`.toLowerCase();
  }
  const code = CALLING_CODES[country] ?? '+1';
  const phone =
    country === 'CN'
      ? `${code} 1${rnd.pick(['35', '38', '39', '58', '86', '88'])}${rnd.int(1000, 9999)} ${rnd.int(1000, 9999)}`
      : mobileOf(country, code, rnd.int(200, 999), rnd.int(100, 999), rnd.int(1000, 9999));
  // Visitors leave either detail or both; never neither (a lead needs a way back). Asking to
  // be called back, they leave a phone.
  const which = rnd.next();
  const email = `${mailbox}@${rnd.pick(MAIL_DOMAINS[zh ? 'zh' : 'en'])}`;
  return { name, email: which < 0.75 ? email : '', phone: needsPhone || which > 0.35 ? phone : '' };
}

export interface Line {
  from: 'visitor' | 'agent';
  text: string;
}

const v = (text: string): Line => ({ from: 'visitor', text });
const a = (text: string): Line => ({ from: 'agent', text });

/** Chat scripts by language; a chat plays the first few lines of one. */
const SCRIPTS: Record<'zh' | 'en', Line[][]> = {
  zh: [
    [
      v('你好，青瓷茶具有现货吗？'),
      a('您好！有现货，下午四点前下单当天发货。'),
      v('送到北京要几天？'),
      a('顺丰一般1到2天就到。'),
      v('好的，可以开发票吗？'),
      a('可以的，下单时备注抬头和税号就行。'),
      v('谢谢，我先下单了。'),
      a('不客气，有问题随时找我。'),
    ],
    [
      a('您好，看您在看茶叶俱乐部，需要帮您介绍一下吗？'),
      v('每个月寄几种茶？'),
      a('每月一款当季好茶，250克，包邮。'),
      v('可以随时取消吗？'),
      a('随时可以，在账户里点一下就行。'),
      v('公司采购有优惠吗？'),
      a('企业方案有，方便留个电话吗？我们同事给您回电。'),
      v('13800138000，姓李。'),
    ],
    [
      v('中秋礼盒还能定制贺卡吗？'),
      a('可以的，下单时填写贺卡内容即可，我们手写。'),
      v('买20盒有折扣吗？'),
      a('20盒以上九折，50盒以上八五折。'),
      v('能开专票吗？'),
      a('可以，需要提供开票信息。'),
    ],
    [
      a('您好，有什么可以帮您？'),
      v('铁观音怎么泡比较好？'),
      a('建议95度水，第一泡洗茶，之后每泡10到15秒。'),
      v('用你们的手冲壶可以吗？'),
      a('可以，控温很准，很多客户这样用。'),
    ],
    [
      v('买的茶杯碎了一个，可以退货吗？'),
      a('非常抱歉！拍张照片发给我们，马上给您补发或者退款。'),
      v('退款要多久到账？'),
      a('审核后一到三个工作日原路退回。'),
      v('好的，运费谁出？'),
      a('破损的运费由我们承担。'),
    ],
    [
      v('白茶和普洱哪个适合送长辈？'),
      a('送长辈推荐陈年普洱礼盒，口感醇厚，也耐存放。'),
      v('普洱礼盒包邮吗？'),
      a('满199包邮，礼盒可以免费包装。'),
      v('有优惠券吗？'),
      a('新客领券立减20元，在首页领取。'),
    ],
    [
      a('您好，正在看普洱礼盒吗？'),
      v('是的，普洱礼盒什么时候发货？'),
      a('今天下单明天发货。'),
      v('能送到上海吗？顺丰吗？'),
      a('可以的，默认顺丰，上海一般次日达。'),
    ],
    [
      v('铁观音和龙井有什么区别？'),
      a('铁观音是乌龙茶，香气浓；龙井是绿茶，口感清爽。'),
      v('龙井有新茶吗？'),
      a('明前龙井刚到货，库存不多。'),
    ],
  ],
  en: [
    [
      v('Hi, is the celadon tea set in stock?'),
      a('Hello! Yes — orders before 4 pm ship the same day.'),
      v('How long to London?'),
      a('Usually 5–7 working days with tracking.'),
      v('Great, and is it gift-wrapped?'),
      a('We can wrap it for free, just add a note at checkout.'),
      v('Perfect, thanks!'),
      a('You are welcome — enjoy your tea!'),
    ],
    [
      a('Hi there! Can I help you choose a tea club plan?'),
      v('How many teas per month?'),
      a('One seasonal tea, 250 g, shipping included.'),
      v('Can I cancel anytime?'),
      a('Yes, with one click in your account.'),
      v('Do you offer office plans?'),
      a('We do — may I have your email so our team can send a quote?'),
    ],
    [
      v('Does the kettle work with 110 V?'),
      a('Yes, the US version is 110–120 V.'),
      v('What is the warranty?'),
      a('Two years, and returns within 30 days.'),
    ],
    [
      a('Hello! Anything I can help with?'),
      v('What is the best way to brew Tieguanyin?'),
      a('95 °C water, a quick rinse, then 10–15 second infusions.'),
      v('Thanks, very helpful.'),
    ],
    [
      v('One cup of my tea set arrived broken. Can I get a refund?'),
      a('So sorry! Send us a photo and we refund or replace it right away.'),
      v('How long does the refund take?'),
      a('One to three working days after we approve it.'),
    ],
    [
      v('Is the matcha whisk set back in stock?'),
      a('Yes, it came back this morning.'),
      v('Do you have a discount code for first orders?'),
      a('WELCOME10 gives 10% off your first order.'),
      v('Does matcha ship with free shipping?'),
      a('Free shipping over $50.'),
    ],
    [
      a('Hi! Looking at the pu-erh gift box?'),
      v('Yes, does the pu-erh gift box ship to Germany?'),
      a('It does, with tracking, in 6–9 working days.'),
      v('Can I add a gift message?'),
      a('Of course, there is a field at checkout.'),
    ],
    [
      v('What is the difference between white tea and green tea?'),
      a('White tea is barely processed and mellow; green tea is fresher and grassier.'),
      v('Which one has less caffeine?'),
      a('Usually white tea, though it varies by harvest.'),
    ],
  ],
};

/** The first `count` lines of a script suited to where the chat started. */
export function chatScript(rnd: Random, country: string, agentOpens: boolean, count: number): Line[] {
  const all = SCRIPTS[writesChinese(country) ? 'zh' : 'en'];
  const suited = all.filter((s) => (s[0]?.from === 'agent') === agentOpens);
  const script = rnd.pick(suited.length > 0 ? suited : all);
  return script.slice(0, Math.max(2, Math.min(count, script.length)));
}

export const OFFLINE_MESSAGES = {
  zh: ['请问企业团购怎么联系？', '想订30盒中秋礼盒，请回电。', '茶具可以刻字吗？'],
  en: [
    'Please send me your wholesale price list.',
    'Do you ship to Canada? Please email me.',
    'I would like 12 gift boxes for my office.',
  ],
};

/**
 * A mobile number of the country's own length (libphonenumber's example with its last four
 * digits drawn), so it reads as E.164 the way a real capture does; North America's shape
 * where the country has no example.
 */
function mobileOf(country: string, code: string, area: number, exchange: number, line: number): string {
  const example = getExampleNumber(country as CountryCode, mobileExamples);
  if (!example || code === '+1') return `${code} ${area} ${exchange} ${line}`;
  return `+${example.countryCallingCode} ${example.nationalNumber.slice(0, -4)} ${line}`;
}
