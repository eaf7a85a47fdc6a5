// Ordinary (non-policy) pages for the sentinel's cost: the kinds of pages people spend most of
// their time on — a news article, a shop listing, a recipe blog, software docs, a forum thread.
// Each has the usual chrome of such sites (navigation, a footer linking to its privacy policy and
// terms, cookie banner), a realistic DOM size (1–3 thousand elements) and no script of its own, so
// that the only script running on them is the extension's.

export interface OrdinaryPage {
  id: string;
  /** Path the bench serves it at. */
  path: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function layout(title: string, site: string, main: string): string {
  const nav = [
    'Home',
    'World',
    'Business',
    'Technology',
    'Science',
    'Sport',
    'Culture',
    'Travel',
    'Food',
    'Opinion',
  ]
    .map((item) => `<li><a href="/${item.toLowerCase()}">${item}</a></li>`)
    .join('');
  const footerColumns = [
    ['About us', 'Careers', 'Press', 'Contact', 'Advertise'],
    ['Help centre', 'Accessibility', 'Site map', 'Newsletters', 'Apps'],
    ['Privacy policy', 'Cookie settings', 'Terms of use', 'Imprint', 'Do not sell my data'],
  ]
    .map(
      (column) =>
        `<ul>${column.map((item) => `<li><a href="/${item.toLowerCase().replace(/\s+/g, '-')}">${item}</a></li>`).join('')}</ul>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | ${site}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0}header,footer{background:#f4f4f5;padding:1rem}
nav ul,footer ul{list-style:none;display:flex;gap:1rem;flex-wrap:wrap;padding:0}main{max-width:60rem;margin:auto;padding:1rem}
.card{display:inline-block;width:12rem;vertical-align:top;margin:.5rem;border:1px solid #ddd;padding:.5rem}
.banner{position:fixed;bottom:0;left:0;right:0;background:#222;color:#fff;padding:1rem}</style>
</head><body>
<header><a class="logo" href="/">${site}</a><nav aria-label="Main"><ul>${nav}</ul></nav>
<form role="search" action="/search"><input name="q" placeholder="Search ${site}"><button>Search</button></form></header>
<main>${main}</main>
<footer>${footerColumns}<p>© 2026 ${site}. All rights reserved.</p></footer>
<div class="banner" role="dialog" aria-label="Cookies"><p>We use cookies to improve your experience. See our <a href="/privacy-policy">privacy policy</a>.</p><button>Accept</button><button>Manage choices</button></div>
</body></html>`;
}

const SENTENCES = [
  'The council met on Tuesday evening to discuss the proposal in front of a packed public gallery.',
  'Residents on both sides of the debate queued for more than an hour to speak.',
  'Supporters said the new lanes would make the school run safer for hundreds of children.',
  'Shop owners on the high street worried that losing parking spaces would cost them customers.',
  'A study commissioned last year found that footfall rose after similar schemes elsewhere.',
  'The transport committee will publish a detailed timetable for the works next month.',
  'Engineers expect the first section, between the station and the hospital, to open in spring.',
  'Funding comes from a regional grant that must be spent before the end of the financial year.',
  'Cyclists have long complained about the junction by the old market, scene of several crashes.',
  'The mayor said the decision was one of the most difficult of her time in office.',
  'Opposition members called for a consultation before any road is narrowed.',
  'Bus operators welcomed plans to give their vehicles priority at three busy junctions.',
];

function paragraphs(count: number, offset: number): string {
  return Array.from({ length: count }, (_, index) => {
    const first = SENTENCES[(index + offset) % SENTENCES.length]!;
    const second = SENTENCES[(index * 5 + offset + 3) % SENTENCES.length]!;
    const third = SENTENCES[(index * 7 + offset + 1) % SENTENCES.length]!;
    return `<p>${first} ${second} <a href="/news/related-${index}">${third}</a></p>`;
  }).join('\n');
}

function newsArticle(): OrdinaryPage {
  const related = Array.from(
    { length: 24 },
    (_, index) =>
      `<article class="card"><img src="/img/related-${index}.jpg" alt=""><h3><a href="/news/story-${index}">Story ${index + 1}: ${escapeHtml(SENTENCES[index % SENTENCES.length]!)}</a></h3><time datetime="2026-03-${String((index % 27) + 1).padStart(2, '0')}">${(index % 27) + 1} March 2026</time></article>`,
  ).join('');
  const main = `<article><h1>City council approves new protected bike lanes across the centre</h1>
<p class="byline">By <a href="/authors/jane-doe">Jane Doe</a>, Transport correspondent · <time datetime="2026-03-12">12 March 2026</time></p>
<figure><img src="/img/lanes.jpg" alt="A cyclist on a painted lane"><figcaption>The junction by the old market.</figcaption></figure>
${paragraphs(14, 0)}
<h2>What happens next</h2>
${paragraphs(10, 4)}
<h2>Reactions</h2>
<blockquote>${SENTENCES[9]}</blockquote>
${paragraphs(8, 7)}
</article>
<section aria-label="Comments"><h2>Comments (${48})</h2>${Array.from({ length: 48 }, (_, index) => `<div class="comment"><p class="author">reader${index}</p><p>${escapeHtml(SENTENCES[(index * 3) % SENTENCES.length]!)}</p><button>Reply</button> <button>Like</button></div>`).join('')}</section>
<aside><h2>More from Transport</h2>${related}</aside>`;
  return {
    id: 'news-article',
    path: '/news/2026/03/12/council-approves-bike-lanes',
    html: layout('City council approves new protected bike lanes', 'The Daily Courier', main),
  };
}

function shopListing(): OrdinaryPage {
  const products = Array.from({ length: 96 }, (_, index) => {
    const price = (19 + ((index * 37) % 240) + 0.99).toFixed(2);
    const name = [
      'Burr coffee grinder',
      'Hand grinder',
      'Espresso grinder',
      'Conical burr mill',
      'Travel grinder',
      'Blade grinder',
    ][index % 6]!;
    return `<li class="card" data-sku="CG-${1000 + index}"><a href="/shop/p/cg-${1000 + index}"><img src="/img/p/${index}.jpg" alt="${name}"><h3>${name} ${index + 1}</h3></a>
<p class="price">£${price}</p><p class="rating" aria-label="${3 + (index % 3)} out of 5 stars">${'★'.repeat(3 + (index % 3))}</p>
<ul><li>${8 + (index % 40)} grind settings</li><li>${['Stainless steel', 'Ceramic', 'Titanium-coated'][index % 3]} burrs</li><li>Free delivery</li></ul>
<button>Add to basket</button></li>`;
  }).join('\n');
  const filters = ['Brand', 'Price', 'Burr type', 'Colour', 'Rating', 'Availability']
    .map(
      (filter) =>
        `<fieldset><legend>${filter}</legend>${Array.from({ length: 6 }, (_, index) => `<label><input type="checkbox"> ${filter} option ${index + 1}</label>`).join('')}</fieldset>`,
    )
    .join('');
  const main = `<nav aria-label="Breadcrumb"><ol><li><a href="/shop">Shop</a></li><li><a href="/shop/kitchen">Kitchen</a></li><li>Coffee grinders</li></ol></nav>
<h1>Coffee grinders</h1><p>96 products. Free delivery on orders over £40, 30-day returns.</p>
<aside>${filters}</aside><ul class="products">${products}</ul>
<nav aria-label="Pages">${Array.from({ length: 8 }, (_, index) => `<a href="?page=${index + 1}">${index + 1}</a>`).join(' ')}</nav>`;
  return {
    id: 'shop-listing',
    path: '/shop/kitchen/coffee-grinders',
    html: layout('Coffee grinders', 'Homeware Direct', main),
  };
}

function recipeBlog(): OrdinaryPage {
  const steps = [
    'Wash the asparagus and snap off the woody ends.',
    'Heat the oven to 220°C and line a tray with baking paper.',
    'Toss the spears with olive oil, salt and a little lemon zest.',
    'Roast for ten minutes, turning once, until just tender.',
    'Whisk the egg yolks with lemon juice over a pan of barely simmering water.',
    'Add the melted butter in a thin stream, whisking all the time.',
    'Season the sauce and spoon it over the asparagus while warm.',
    'Scatter with toasted hazelnuts and serve at once.',
  ];
  const main = `<article><h1>Roast asparagus with lemon hollandaise</h1>
<p class="meta">Serves 4 · 25 minutes · <a href="/tags/spring">Spring</a>, <a href="/tags/vegetarian">Vegetarian</a></p>
${paragraphs(6, 2)}
<h2>Ingredients</h2><ul>${['500 g asparagus', '2 tbsp olive oil', '1 lemon', '3 egg yolks', '150 g butter', '40 g hazelnuts', 'Salt and pepper'].map((item) => `<li><label><input type="checkbox"> ${item}</label></li>`).join('')}</ul>
<h2>Method</h2><ol>${steps.map((step) => `<li>${step}</li>`).join('')}</ol>
<h2>Tips</h2>${paragraphs(5, 9)}
<h2>More spring recipes</h2><ul>${Array.from({ length: 30 }, (_, index) => `<li class="card"><a href="/recipes/${index}"><img src="/img/r/${index}.jpg" alt=""><span>Recipe ${index + 1}</span></a></li>`).join('')}</ul></article>
<section><h2>Reviews</h2>${Array.from({ length: 30 }, (_, index) => `<div class="review"><p><strong>cook${index}</strong> rated it ${1 + (index % 5)}/5</p><p>${escapeHtml(steps[index % steps.length]!)} Worked perfectly for us.</p></div>`).join('')}</section>`;
  return {
    id: 'recipe-blog',
    path: '/blog/2026/04/roast-asparagus-hollandaise',
    html: layout('Roast asparagus with lemon hollandaise', 'Green Kitchen Diary', main),
  };
}

function softwareDocs(): OrdinaryPage {
  const sections = [
    'Installation',
    'Configuration',
    'Running the server',
    'Environment variables',
    'Logging',
    'Upgrading',
    'Troubleshooting',
  ];
  const sidebar = Array.from(
    { length: 60 },
    (_, index) => `<li><a href="/docs/page-${index}">Guide ${index + 1}</a></li>`,
  ).join('');
  const body = sections
    .map(
      (section, index) => `<h2 id="s${index}">${section}</h2>
<p>This section explains ${section.toLowerCase()} for version 4 of the toolkit. Commands assume a Unix shell.</p>
<pre><code>$ toolkit ${section.toLowerCase().replace(/\s+/g, '-')} --verbose
option.one = true
option.two = ${index * 10}
</code></pre>
<table><thead><tr><th>Option</th><th>Default</th><th>Description</th></tr></thead><tbody>${Array.from({ length: 8 }, (_, row) => `<tr><td><code>opt_${index}_${row}</code></td><td>${row * 2}</td><td>Controls how the ${section.toLowerCase()} step behaves when ${row} workers run.</td></tr>`).join('')}</tbody></table>`,
    )
    .join('\n');
  const main = `<nav aria-label="Docs"><ul>${sidebar}</ul></nav><article><h1>Getting started with Toolkit 4</h1>${body}</article>`;
  return {
    id: 'software-docs',
    path: '/docs/getting-started/install',
    html: layout('Getting started with Toolkit 4', 'Toolkit Docs', main),
  };
}

function forumThread(): OrdinaryPage {
  const posts = Array.from(
    { length: 40 },
    (
      _,
      index,
    ) => `<article class="post" id="post-${index}"><header><a href="/u/baker${index % 9}">baker${index % 9}</a> · <time datetime="2026-02-${String((index % 27) + 1).padStart(2, '0')}">${(index % 27) + 1} Feb</time></header>
<p>${escapeHtml(SENTENCES[index % SENTENCES.length]!.replace('council', 'starter').replace('lanes', 'loaves'))} My starter doubles in six hours but the loaf stays flat.</p>
<p>I feed it 1:2:2 twice a day with strong white flour and keep it at about 24°C.</p>
<footer><button>Like (${index * 3})</button><button>Quote</button><button>Report</button></footer></article>`,
  ).join('\n');
  const main = `<nav aria-label="Breadcrumb"><a href="/forum">Forum</a> › <a href="/forum/bread">Bread</a></nav>
<h1>Help: my sourdough won't rise after the bulk ferment</h1>${posts}
<form><label>Reply<textarea></textarea></label><button>Post reply</button></form>`;
  return {
    id: 'forum-thread',
    path: '/forum/t/sourdough-wont-rise/48213',
    html: layout("Help: my sourdough won't rise", 'Bakers Forum', main),
  };
}

export function ordinaryPages(): OrdinaryPage[] {
  return [newsArticle(), shopListing(), recipeBlog(), softwareDocs(), forumThread()];
}

/**
 * A page that never stops changing, as live scores, feeds and chats do: its script adds an update
 * every 50 ms and rewrites a clock every 16 ms, for as long as it is open.
 */
export function livePage(): OrdinaryPage {
  const script = `let count = 0;
const feed = document.getElementById('feed');
const clock = document.getElementById('clock');
setInterval(() => {
  count += 1;
  const item = document.createElement('li');
  item.textContent = 'Minute ' + (count % 90) + ': the home side wins another corner.';
  feed.prepend(item);
  if (feed.children.length > 50) feed.lastElementChild.remove();
}, 50);
setInterval(() => { clock.textContent = new Date().toISOString(); }, 16);`;
  const main = `<h1>Live: City v United</h1><p id="clock"></p><ul id="feed"></ul><script>${script}</script>`;
  return {
    id: 'live-scores',
    path: '/sport/live/city-united',
    html: layout('Live: City v United', 'The Daily Courier', main),
  };
}
