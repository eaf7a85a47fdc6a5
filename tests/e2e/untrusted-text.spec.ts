import type { BrowserContext, Page } from '@playwright/test';
import { E2E_EXTENSION_PATH, expect, pageHighlights, tabIdOf, test } from './fixtures';
import { fixture } from './helpers';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/side-panel';
import { publishFeed, type Shard } from './remote-feed';

// Setting a feed URL asks for its host's permission: the e2e build has 127.0.0.1 granted.
test.use({ extensionPath: E2E_EXTENSION_PATH, mappedHosts: ['www.anthropic.com'] });

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SCRIPT_URL = 'javascript:alert(1)';
const BOLD = '<b>bold</b>';

interface AiTraining {
  verdict: string;
  tiers: { label: string }[];
  optOut: { steps: string[]; settingsUrl: string | null };
  carveOuts: { title: string }[];
}

/** Markup and script URLs in every text field of Claude's shard that some page renders. */
function hostileClaude(shards: Map<string, Shard>) {
  const shard = shards.get('claude') as unknown as {
    documents: { title: string }[];
    provisions: { title: string; summary: string; excerpts: { text: string }[] }[];
    aiTraining: AiTraining;
  };
  shard.provisions.forEach((provision, index) => {
    provision.title = `${IMG} ${index} ${provision.title}`.slice(0, 140);
    provision.summary = `${SCRIPT} ${SCRIPT_URL} ${BOLD} ${provision.summary}`.slice(0, 1200);
  });
  const first = shard.provisions[0];
  if (first) first.excerpts.push({ ...first.excerpts[0]!, text: `${IMG} ${SCRIPT}` });
  const [document] = shard.documents;
  if (document) document.title = `${SCRIPT} ${document.title}`;
  const card = shard.aiTraining;
  card.verdict = `${IMG} ${card.verdict}`.slice(0, 300);
  card.tiers[0]!.label = `${BOLD} ${SCRIPT_URL}`;
  // Free text, not a URL field: it is shown, never linked.
  card.optOut.steps = [SCRIPT_URL, `${IMG} ${SCRIPT}`];
  if (card.carveOuts[0]) card.carveOuts[0].title = `${IMG} carve-out`;
}

/** A `javascript:` URL where the schema wants an https link: the sync must refuse the feed. */
function scriptSettingsUrl(shards: Map<string, Shard>) {
  hostileClaude(shards);
  (shards.get('claude') as unknown as { aiTraining: AiTraining }).aiTraining.optOut.settingsUrl =
    SCRIPT_URL;
}

interface Inspection {
  pwned: unknown;
  /** Elements built from the hostile strings, had any reached an HTML parser. */
  injected: string[];
  scriptHrefs: string[];
  text: string;
}

/** Walks the document and every open shadow root of an extension page. */
async function inspect(page: Page): Promise<Inspection> {
  return page.evaluate(() => {
    const elements: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        elements.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    const injected = elements.flatMap((element) => {
      const tag = element.tagName.toLowerCase();
      if (tag === 'img' && element.getAttribute('src') === 'x') return ['img[src=x]'];
      if (tag === 'script' && element.textContent?.includes('__pwned')) return ['script'];
      if (tag === 'b' && element.textContent === 'bold') return ['b'];
      return [...element.attributes]
        .filter((attribute) => attribute.name.startsWith('on'))
        .map((attribute) => `${tag}[${attribute.name}]`);
    });
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      injected,
      scriptHrefs: elements
        .map((element) => element.getAttribute('href') ?? '')
        .filter((href) => /^\s*javascript:/i.test(href)),
      // biome-ignore lint/performance/useDomNodeTextContent: the test asserts what the reader sees, the rendered text (no script or hidden text)
      text: document.body.innerText,
    };
  });
}

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** The web page through DevTools, which sees into the card's closed shadow root. */
async function inspectWebPage(context: BrowserContext, page: Page) {
  const session = await context.newCDPSession(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: DomNode;
  };
  await session.detach();
  const injected: string[] = [];
  const scriptHrefs: string[] = [];
  const cardText: string[] = [];
  const visit = (node: DomNode, inCard: boolean) => {
    const attributes = new Map<string, string>();
    for (let index = 0; index + 1 < (node.attributes?.length ?? 0); index += 2) {
      attributes.set(node.attributes![index]!.toLowerCase(), node.attributes![index + 1]!);
    }
    const name = node.nodeName.toLowerCase();
    if (name === 'img' && attributes.get('src') === 'x') injected.push('img[src=x]');
    if (name === 'b' && node.children?.[0]?.nodeValue === 'bold') injected.push('b');
    for (const attribute of attributes.keys()) {
      if (attribute.startsWith('on')) injected.push(`${name}[${attribute}]`);
    }
    if (/^\s*javascript:/i.test(attributes.get('href') ?? '')) {
      scriptHrefs.push(attributes.get('href')!);
    }
    if (name === 'script' && node.children?.some((child) => child.nodeValue?.includes('__pwned'))) {
      injected.push('script');
    }
    const card = inCard || name === 'fineprint-card';
    if (card && node.nodeName === '#text' && node.nodeValue) cardText.push(node.nodeValue);
    for (const child of [
      ...(node.children ?? []),
      ...(node.shadowRoots ?? []),
      ...(node.contentDocument ? [node.contentDocument] : []),
    ]) {
      visit(child, card);
    }
  };
  visit(root, false);
  return { injected, scriptHrefs, cardText: cardText.join(' ') };
}

function collectConsoleErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

test('markup and javascript: URLs from a page and from the feed stay text in the page, the card and every extension page', async ({
  context,
  server,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(context);
  const feedUrl = publishFeed(server, '/hostile-feed', 400, hostileClaude);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('feed-url').fill(feedUrl);
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-status')).toContainText('remote feed, version 400');

  // The schema refuses an https-only field holding a script URL; version 400 stays.
  publishFeed(server, '/hostile-feed', 401, scriptSettingsUrl);
  await options.getByRole('button', { name: 'Save and sync' }).click();
  await expect(options.getByTestId('feed-error')).toBeVisible();
  await expect(options.getByTestId('feed-status')).toContainText('version 400');

  const html = fixture('pages/anthropic-privacy-policy.html');
  const at = html.lastIndexOf('</main>');
  server.route(
    '/legal/privacy',
    `${html.slice(0, at)}${fixture('hostile-text/clauses.html')}${html.slice(at)}`,
  );
  const page = await context.newPage();
  await page.goto(`http://www.anthropic.com:${server.port}/legal/privacy`);
  await expect
    .poll(async () =>
      Object.keys(await pageHighlights(page)).some((name) => name.includes('curated')),
    )
    .toBe(true);
  // Walk the highlighted clauses with the keyboard until the card shows a curated (feed) title.
  await page.bringToFront();
  let card = { injected: [] as string[], scriptHrefs: [] as string[], cardText: '' };
  for (let step = 0; step < 300 && !card.cardText.includes(IMG); step += 1) {
    await page.keyboard.press('Alt+Shift+ArrowDown');
    card = await inspectWebPage(context, page);
  }
  expect(card.cardText).toContain(IMG);
  expect(card.injected).toEqual([]);
  expect(card.scriptHrefs).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null)).toBeNull();

  const tabId = await tabIdOf(serviceWorker, page);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.provisions.first()).toBeVisible();
  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.aiCard).toBeVisible();
  const compare = await context.newPage();
  await compare.goto(`chrome-extension://${extensionId}/compare.html`);
  const platform = await context.newPage();
  await platform.goto(`chrome-extension://${extensionId}/platform.html?id=claude`);
  await options.reload();

  const shown: [string, Page, string[]][] = [
    [
      'side panel',
      panel.page,
      [
        IMG,
        SCRIPT,
        BOLD,
        'share your personal data with advertising partners <img src=x onerror=window.__pwned=1>',
      ],
    ],
    ['popup', popup.page, [IMG]],
    ['compare', compare, [IMG]],
    ['platform', platform, [IMG, SCRIPT, SCRIPT_URL]],
    ['options', options, []],
  ];
  for (const [name, extensionPage, literals] of shown) {
    await expect(extensionPage.locator('body'), name).not.toBeEmpty();
    for (const literal of literals) {
      await expect(extensionPage.locator('body'), `${name} shows ${literal}`).toContainText(
        literal,
      );
    }
    const found = await inspect(extensionPage);
    expect(found.injected, name).toEqual([]);
    expect(found.scriptHrefs, name).toEqual([]);
    expect(found.pwned, name).toBeNull();
  }
  expect(consoleErrors.filter((error) => /content security policy|__pwned/i.test(error))).toEqual(
    [],
  );
});
