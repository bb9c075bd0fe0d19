import type { DemoArticle } from './demo-articles.ts';

// The Demo Tea Shop's English help articles. `asks` are how visitors of the demo history
// put the question to the robot (never stored as part of the article).
export const DEMO_ARTICLES_EN: DemoArticle[] = [
  {
    question: 'How long does shipping take?',
    alternates: ['When will my order arrive?', 'Delivery time'],
    answer:
      'Orders leave our Hangzhou warehouse within one working day.\n\n- Mainland China: 2–4 days\n- Asia: 5–8 days\n- Europe and North America: 7–12 days\n\nYou get a tracking number by email as soon as the parcel ships.',
    category: 'Shipping',
    selfServicePath: '',
    asks: ['how long does delivery take to the US?', 'when will my tea arrive', 'shipping time to europe'],
  },
  {
    question: 'How much does shipping cost?',
    alternates: ['Is shipping free?', 'Delivery fee'],
    answer:
      'Shipping is free on orders over $49 (¥199 in mainland China). Below that it is a flat $6.90 worldwide, or ¥12 within China.',
    category: 'Shipping',
    selfServicePath: '/demo/pricing',
    asks: ['do you have free shipping?', 'how much is delivery', 'shipping cost for one tin of oolong'],
  },
  {
    question: 'Do you ship internationally?',
    alternates: ['Which countries do you deliver to?', 'Can you send tea abroad?'],
    answer:
      'Yes, we ship to more than 40 countries, including the US, Canada, the UK, the EU, Australia, Japan, Singapore and Malaysia. Import duties, if any, are charged by your country on delivery.',
    category: 'Shipping',
    selfServicePath: '',
    asks: ['do you ship to australia?', 'can you deliver to germany'],
  },
  {
    question: 'How do I track my order?',
    alternates: ['Where is my order?', 'My parcel has not arrived', 'Order tracking number'],
    answer:
      'Open the shipping email we sent you and click the tracking number, or enter your order number on our contact page and we will look it up for you.',
    category: 'Orders',
    selfServicePath: '/demo/contact',
    asks: ['where is my order', 'how can i track my package', "my parcel hasn't arrived yet"],
  },
  {
    question: 'Can I change my delivery address?',
    alternates: ['Change the shipping address of my order', 'Wrong address on my order', 'I moved, update my address'],
    answer:
      'If your order has not shipped yet, send us the order number and the new address through the contact page and we will change it. Once it has shipped, the courier can redirect it for a small fee.',
    category: 'Orders',
    selfServicePath: '/demo/contact',
    asks: ['i want to change my delivery address', 'wrong address on my order'],
  },
  {
    question: 'Can I cancel my order?',
    alternates: ['Cancel an order', 'I ordered by mistake'],
    answer:
      'Orders that have not shipped can be cancelled free of charge: write to us with the order number and you get a full refund within 3 working days.',
    category: 'Orders',
    selfServicePath: '/demo/contact',
    asks: ['how do i cancel my order', 'i ordered the wrong tea, can i cancel'],
  },
  {
    question: 'What is your return policy?',
    alternates: ['Can I return an item?', 'Can I send back an unopened tea set?', 'Returns and refunds'],
    answer:
      'Unopened teas and unused teaware can be returned within 30 days of delivery for a full refund. Opened tea cannot be returned for hygiene reasons, unless it arrived damaged.',
    category: 'Returns',
    selfServicePath: '',
    asks: ['can i return the tea set', 'what is your refund policy', 'return an unopened tin'],
  },
  {
    question: 'My teapot arrived broken. What do I do?',
    alternates: ['Damaged item', 'The cup was cracked in the box'],
    answer:
      'We are sorry! Send us a photo of the item and the box within 7 days of delivery and we will send a replacement or refund you in full — you do not need to return the broken piece.',
    category: 'Returns',
    selfServicePath: '/demo/contact',
    asks: ['my teapot arrived broken', 'one cup came cracked'],
  },
  {
    question: 'Which payment methods do you accept?',
    alternates: ['Can I pay with PayPal?', 'Payment options'],
    answer:
      'We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Alipay and WeChat Pay. All payments are processed securely; we never see your card number.',
    category: 'Payment',
    selfServicePath: '',
    asks: ['can i pay with paypal', 'do you take apple pay?', 'what payment methods do you accept'],
  },
  {
    question: 'Can I get an invoice?',
    alternates: ['VAT invoice', 'Receipt for my company'],
    answer:
      'Every order comes with a receipt by email. For an invoice with your company name and VAT number, reply to the order email with those details and we send it within one working day.',
    category: 'Payment',
    selfServicePath: '',
    asks: ['i need an invoice for my company', 'can you send a receipt'],
  },
  {
    question: 'Do you offer gift wrapping?',
    alternates: ['Can you wrap it as a present?', 'Gift message'],
    answer:
      'Yes: tick “Gift wrap” at checkout ($4) and we wrap the order in our paper and ribbon, with a hand-written card carrying your message. Prices are left out of gift parcels.',
    category: 'Gifts',
    selfServicePath: '',
    asks: ['can you gift wrap my order', 'is it possible to add a gift card with a message'],
  },
  {
    question: 'What is in the Mid-Autumn Gift Box?',
    alternates: ['Mooncake gift box contents', 'Gift box for the festival'],
    answer:
      'Two teas (a spring Tieguanyin and a Longjing green tea, 100 g each), four mooncakes (lotus seed and red bean) and a hand-written card, in a wooden box. It ships from late August until the festival.',
    category: 'Gifts',
    selfServicePath: '/demo/products/gift-box',
    asks: ["what's inside the gift box", 'mid autumn box with mooncakes?'],
  },
  {
    question: 'Which tea set should I choose?',
    alternates: ['Celadon tea set', 'Tea set for beginners'],
    answer:
      'Our Celadon Tea Set (a gaiwan, a fairness pitcher and six cups) suits every tea and is the easiest start. It is dishwasher safe on a gentle cycle, though hand washing keeps the glaze bright longer.',
    category: 'Tea sets',
    selfServicePath: '/demo/products/tea-set',
    asks: ['which tea set is good for a beginner', 'is the celadon set dishwasher safe'],
  },
  {
    question: 'How do I care for celadon teaware?',
    alternates: ['Cleaning a tea set', 'Tea stains on cups'],
    answer:
      'Rinse with hot water after use and let it air dry. For tea stains, soak for ten minutes in warm water with a spoon of baking soda; avoid scouring pads, which dull the glaze.',
    category: 'Tea sets',
    selfServicePath: '',
    asks: ['how do i clean tea stains from the cups', 'how to wash celadon'],
  },
  {
    question: 'How do I brew oolong tea?',
    alternates: ['Water temperature for oolong', 'How many grams of tea per cup?', 'Gongfu brewing'],
    answer:
      'Use about 7 g of leaves in a 100 ml gaiwan with water at 95 °C. Rinse the leaves once, then steep 20 seconds and add 5–10 seconds each time; good oolong gives six to eight infusions.',
    category: 'Brewing',
    selfServicePath: '',
    asks: ['what temperature for oolong', 'how many grams of tea per cup', 'how to make oolong'],
  },
  {
    question: 'How do I brew green tea?',
    alternates: ['Longjing water temperature', 'Why is my green tea bitter?'],
    answer:
      'Green tea likes cooler water: 80 °C, 3 g per 150 ml, steeped 1–2 minutes. Boiling water or a long steep is what makes it bitter.',
    category: 'Brewing',
    selfServicePath: '',
    asks: ['my green tea tastes bitter', 'how hot should the water be for green tea'],
  },
  {
    question: 'How should I store tea?',
    alternates: ['Shelf life of tea', 'Does tea expire?'],
    answer:
      'Keep tea sealed, away from light, heat, moisture and strong smells. Green tea is best within 12 months (in the fridge if opened in summer); oolong within 18 months; our tins carry a best-before date.',
    category: 'Teas',
    selfServicePath: '',
    asks: ['does tea expire', 'should i keep green tea in the fridge'],
  },
  {
    question: 'Does your tea contain caffeine?',
    alternates: ['Decaf tea', 'Tea during pregnancy'],
    answer:
      'All true teas (green, oolong, black, white) contain caffeine — a cup of oolong has about a third of a coffee. Our herbal blends are caffeine-free.',
    category: 'Teas',
    selfServicePath: '/demo/products',
    asks: ['is there caffeine in oolong', 'do you sell decaf tea'],
  },
  {
    question: 'Is your tea organic?',
    alternates: ['Pesticide testing', 'Where is your tea grown?'],
    answer:
      'Our teas come from family gardens in Anxi, Hangzhou and Wuyi that we visit every spring. Each harvest is tested for pesticide residues by an independent lab; the results are on each product page.',
    category: 'Teas',
    selfServicePath: '/demo/products',
    asks: ['is the tieguanyin organic', 'where is your tea grown'],
  },
  {
    question: 'Do you have discount codes or wholesale prices?',
    alternates: ['Coupon code', 'Bulk order discount'],
    answer:
      'Newsletter subscribers get 10% off their first order. For orders over 5 kg or for cafés and offices, see the pricing page for our wholesale tiers.',
    category: 'Payment',
    selfServicePath: '/demo/pricing',
    asks: ['do you have a discount code', 'wholesale price for my cafe'],
  },
  {
    question: 'How does the gooseneck kettle hold its temperature?',
    alternates: ['Kettle temperature settings', 'Can the kettle keep water warm?', 'Kettle voltage'],
    answer:
      'Set any temperature from 40 to 100 °C; the kettle holds it for 60 minutes. It comes with a plug for your country and works on 110–240 V.',
    category: 'Tea sets',
    selfServicePath: '/demo/products/kettle',
    asks: ['does the kettle work on 110v', 'can the kettle keep water at 80 degrees'],
  },
];
