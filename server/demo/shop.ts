// The built-in demo shop: real pages with the real snippet, so a person can browse it
// in another tab and become a visitor of the demo site.

interface Product {
  slug: string;
  name: string;
  price: number;
  blurb: string;
}

const PRODUCTS: Product[] = [
  { slug: 'tea-set', name: 'Celadon Tea Set', price: 399, blurb: 'Hand-glazed celadon, six cups and a pot.' },
  { slug: 'oolong', name: 'Tieguanyin Oolong', price: 129, blurb: 'Anxi oolong, spring harvest, 250 g.' },
  { slug: 'kettle', name: 'Gooseneck Kettle', price: 259, blurb: 'Temperature control to the degree.' },
  { slug: 'gift-box', name: 'Mid-Autumn Gift Box', price: 599, blurb: 'Tea, mooncakes and a card, wrapped.' },
];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(siteId: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · Demo Shop</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#fafaf9}
header{background:#14532d;color:#fff;padding:14px 32px;display:flex;gap:24px;align-items:center}
header a{color:#d1fae5;text-decoration:none}header strong{font-size:20px;margin-right:auto}
main{max-width:960px;margin:32px auto;padding:0 24px}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px}
.card{background:#fff;border:1px solid #e7e5e4;border-radius:10px;padding:16px}.price{color:#b45309;font-weight:600}
button{background:#15803d;color:#fff;border:0;border-radius:6px;padding:8px 14px;cursor:pointer}input{padding:7px;border:1px solid #d6d3d1;border-radius:6px}
.note{background:#ecfdf5;border:1px solid #a7f3d0;border-radius:8px;padding:12px 16px}.tabs a{margin-right:12px}
main{padding-bottom:88px}
@media (max-width:600px){header{padding:12px 16px;gap:8px 16px;flex-wrap:wrap}header strong{flex-basis:100%}main{margin:16px auto;padding:0 16px 88px}.grid{grid-template-columns:1fr}}
</style>
<script>window.leadtrail = window.leadtrail || function(){(window.leadtrail.q = window.leadtrail.q || []).push(arguments)}</script>
<script async src="/t.js" data-site="${escape(siteId)}"></script>
</head><body>
<header><strong>🍵 Demo Tea Shop</strong><a href="/demo/">Home</a><a href="/demo/products">Products</a><a href="/demo/pricing">Pricing</a><a href="/demo/contact">Contact</a></header>
<main>${body}</main></body></html>`;
}

function home(): string {
  return `<div class="note"><p>This is LeadTrail's demo shop. Browsing it makes you a live visitor of the <b>Demo Shop</b> site — watch yourself in the dashboard.</p>
<p>这是 LeadTrail 的演示商店。浏览本站，您就会成为“Demo Shop”站点的实时访客，可在后台看到自己的访问轨迹。</p></div>
<h1>Fine tea, delivered</h1>
<div class="grid">${PRODUCTS.map((p) => `<div class="card"><h3><a href="/demo/products/${p.slug}">${escape(p.name)}</a></h3><p>${escape(p.blurb)}</p><p class="price">¥${p.price}</p></div>`).join('')}</div>
<h2>Stay in touch</h2>
<button id="newsletter" onclick="leadtrail('track','newsletter_signup',{plan:'weekly'});this.textContent='Subscribed ✓'">Subscribe to the weekly newsletter</button>
<p>Our tea farms partner: <a href="https://example.org/partner">example.org</a></p>`;
}

function products(): string {
  return `<h1>Products</h1><div class="grid">${PRODUCTS.map((p) => `<div class="card"><h3><a href="/demo/products/${p.slug}">${escape(p.name)}</a></h3><p class="price">¥${p.price}</p></div>`).join('')}</div>`;
}

function product(p: Product): string {
  return `<h1>${escape(p.name)}</h1><p>${escape(p.blurb)}</p><p class="price">¥${p.price}</p>
<div class="tabs"><a href="?tab=details" data-tab="details">Details</a><a href="?tab=reviews" data-tab="reviews">Reviews</a><a href="?tab=shipping" data-tab="shipping">Shipping</a></div>
<div id="tab" class="card">Choose a tab — they switch without reloading (single-page navigation).</div>
<p><button id="order">Add to cart &amp; order</button> <span id="ordered"></span></p>
<script>
document.querySelectorAll('[data-tab]').forEach(function(a){a.addEventListener('click',function(e){e.preventDefault();history.pushState({},'',a.getAttribute('href'));document.getElementById('tab').textContent='Tab: '+a.dataset.tab;});});
document.getElementById('order').addEventListener('click',function(){var id='demo-'+Date.now().toString(36);leadtrail('order',{id:id,value:${p.price},currency:'CNY'});document.getElementById('ordered').textContent='Order '+id+' placed ✓';});
</script>`;
}

function pricing(): string {
  return `<h1>Pricing</h1><div class="grid"><div class="card"><h3>Tea club</h3><p class="price">¥99 / month</p><p>One new tea every month.</p></div><div class="card"><h3>Business</h3><p class="price">¥999 / month</p><p>Office tea service, weekly delivery.</p></div></div>`;
}

function contact(): string {
  return `<h1>Contact us</h1><p>Leave your details and we will call you back.</p>
<form id="identify" class="card"><p><input name="name" placeholder="Name" required></p><p><input name="email" type="email" placeholder="Email"></p><p><input name="phone" placeholder="Phone"></p><button>Send</button> <span id="thanks"></span></form>
<script>
document.getElementById('identify').addEventListener('submit',function(e){e.preventDefault();var f=new FormData(e.target);leadtrail('identify',{name:f.get('name'),email:f.get('email')||undefined,phone:f.get('phone')||undefined});document.getElementById('thanks').textContent='Thank you!';});
</script>`;
}

/**
 * The path without trailing slashes. `/\/+$/` did this in quadratic time when the slashes were
 * not at the end (a long URL of slashes held the process); one pass back.
 */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

export function renderDemoShop(pathname: string, siteId: string): { status: number; html: string } {
  const path = trimTrailingSlashes(pathname) || '/demo';
  const page = (title: string, body: string) => ({ status: 200, html: layout(siteId, title, body) });
  if (path === '/demo') return page('Home', home());
  if (path === '/demo/products') return page('Products', products());
  if (path === '/demo/pricing') return page('Pricing', pricing());
  if (path === '/demo/contact') return page('Contact', contact());
  const match = /^\/demo\/products\/([a-z0-9-]+)$/.exec(path);
  const item = match && PRODUCTS.find((p) => p.slug === match[1]);
  if (item) return page(item.name, product(item));
  return {
    status: 404,
    html: layout(siteId, 'Not found', '<h1>Page not found</h1><p><a href="/demo/">Back to the shop</a></p>'),
  };
}
