import type { TextHeading } from './segment';

export type { TextHeading } from './segment';

/** The main text of a document with its headings (offsets into `text`). */
export interface ExtractedText {
  text: string;
  headings: TextHeading[];
  title: string | null;
}

/** One stretch of the extracted text that maps one-to-one onto the characters of a DOM text node. */
interface TextRun {
  /** Offset of the run's first character in the extracted text. */
  start: number;
  length: number;
  node: Text;
  nodeOffset: number;
}

/**
 * Turns offsets of the extracted text back into DOM positions. Runs are sorted by `start` and do
 * not overlap; characters between runs (inserted separators) map to nothing.
 */
export interface TextMap {
  readonly runs: readonly TextRun[];
}

// Node types, as numbers so that no page-provided `Node` global is read.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'img',
  'picture',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'select',
  'option',
  'input',
  'textarea',
  'nav',
  'footer',
  'aside',
  'dialog',
  'menu',
  'label',
]);

const SKIPPED_ROLES = new Set([
  'navigation',
  'contentinfo',
  'dialog',
  'alertdialog',
  'search',
  'menu',
  'menubar',
  'toolbar',
  'complementary',
  'tablist',
  'banner',
]);

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'center',
  'legend',
]);

// Cookie banners, consent managers, language pickers, share bars, breadcrumbs, skip links, tables
// of contents: matched on whole id/class tokens (a short namespace prefix such as "c-" allowed) so
// that "cookie-policy" content and utility classes like "duration-sidebar" are kept.
const BOILERPLATE_NAME =
  /^(?:[a-z]{1,3}[-_])?(?:cookie-?(?:banner|consent|notice|bar|popup|modal|law|message)|consent-?(?:banner|manager|modal)?|onetrust-\w+|ot-sdk-\w+|cc-(?:window|banner)|didomi-\w+|truste-\w+|usercentrics-\w+|cookiebot\w*|qc-cmp\w*|language-?(?:picker|selector|switcher|menu)|lang-?(?:switch|switcher|select|selector|picker)|locale-?(?:picker|selector|switcher)|breadcrumbs?|skip-?(?:link|to-content|nav)|share-?(?:bar|buttons|links)|social-?(?:links|share|icons)|site-?(?:header|footer|nav)|navbar|sidebar|table-of-contents|sr-only|visually-?hidden|screen-reader-text|a11y-hidden)(?:$|[-_])/i;

const HEADING_LEVEL: Readonly<Record<string, number>> = {
  h1: 1,
  h2: 2,
  h3: 3,
  h4: 4,
  h5: 5,
  h6: 6,
};

const COLLAPSIBLE_SPACE = /[ \t\n\r\f]+/g;
const WORD = /[\p{L}\p{N}]/u;

/** Share of a block's characters inside links above which it is navigation, not prose. */
const LINK_DENSITY_LIMIT = 0.8;
/** Main-landmark text must be at least this share of all kept text to be trusted alone. */
const MAIN_SHARE = 0.5;

interface Block {
  pieces: string[];
  runs: TextRun[];
  length: number;
  linkChars: number;
  headingLevel: number;
  inMain: boolean;
}

interface PendingSpace {
  node: Text;
  offset: number;
}

/** Bounds for extracting from a page that may be hostile or huge. */
export interface ExtractionOptions {
  /** Stop walking once this many characters are kept; the result says it was `truncated`. */
  maxChars?: number;
}

/** An extraction in progress, advanced in steps so that a caller can yield between them. */
export interface TextExtraction {
  /** Walks on until done (true) or until `shouldYield` answers true (false: call again). */
  step(shouldYield: () => boolean): boolean;
  /** The text extracted; only once `step` returned true. */
  result(): ExtractedText & { map: TextMap; truncated: boolean };
}

/** Nodes walked between two looks at the clock. */
const NODES_PER_CLOCK_CHECK = 64;

/**
 * Extracts the main text of a page: the policy body without navigation, headers, footers, cookie
 * banners, menus, hidden elements or link lists; headings are kept as structure. Works on a live
 * DOM (open shadow roots included) and on linkedom alike. Iterative, so deep nesting cannot
 * overflow the stack; linear in the number of nodes.
 */
export function extractMainText(root: Document | Element): ExtractedText & { map: TextMap } {
  const extraction = startTextExtraction(root);
  extraction.step(() => false);
  const { truncated: _truncated, ...extracted } = extraction.result();
  return extracted;
}

/** `extractMainText` in resumable steps, optionally stopping after `maxChars` characters. */
export function startTextExtraction(
  root: Document | Element,
  options: ExtractionOptions = {},
): TextExtraction {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  const start: Node | null =
    root.nodeType === DOCUMENT_NODE
      ? ((root as Document).body ?? (root as Document).documentElement)
      : root;

  const blocks: Block[] = [];
  let block: Block | null = null;
  let pending: PendingSpace | null = null;
  let linkDepth = 0;
  let mainDepth = 0;
  let headingLevel = 0;
  let keptChars = 0;
  let truncated = false;
  let done = false;
  let assembled: (ExtractedText & { map: TextMap; truncated: boolean }) | null = null;

  const finishBlock = () => {
    if (block && block.length > 0) blocks.push(block);
    block = null;
    pending = null;
  };

  const emit = (node: Text, offset: number, text: string) => {
    if (keptChars >= maxChars) {
      truncated = true;
      return;
    }
    if (!block) {
      block = {
        pieces: [],
        runs: [],
        length: 0,
        linkChars: 0,
        headingLevel,
        inMain: mainDepth > 0,
      };
    }
    const current: Block = block;
    if (pending && current.length > 0) {
      appendRun(current, pending.node, pending.offset, ' ');
      if (linkDepth > 0) current.linkChars += 1;
      keptChars += 1;
    }
    pending = null;
    appendRun(current, node, offset, text);
    if (linkDepth > 0) current.linkChars += text.length;
    keptChars += text.length;
  };

  const emitText = (node: Text) => {
    const data = node.data;
    let position = 0;
    COLLAPSIBLE_SPACE.lastIndex = 0;
    while (!truncated) {
      const space = COLLAPSIBLE_SPACE.exec(data);
      const wordEnd = space ? space.index : data.length;
      if (wordEnd > position) emit(node, position, data.slice(position, wordEnd));
      if (!space) break;
      if (block && (block as Block).length > 0 && !pending) pending = { node, offset: space.index };
      position = space.index + space[0].length;
    }
  };

  // Each stack entry is a node to enter, or (as `exit`) an element whose end tag we reached.
  const stack: StackEntry[] = [];
  if (start) stack.push({ node: start, exit: false, link: false });

  const visit = ({ node, exit, link }: StackEntry) => {
    if (node.nodeType === TEXT_NODE) {
      emitText(node as Text);
      return;
    }
    if (node.nodeType === DOCUMENT_FRAGMENT_NODE) {
      pushChildren(stack, node);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.localName;
    const level = headingLevelOf(element, tag);
    if (exit) {
      if (link) linkDepth -= 1;
      if (isMainLandmark(element, tag)) mainDepth -= 1;
      if (level > 0) {
        finishBlock();
        headingLevel = 0;
      } else if (BLOCK_TAGS.has(tag) || tag === 'br') finishBlock();
      return;
    }
    if (isExcluded(element, tag, mainDepth > 0)) return;
    if (tag === 'br') {
      if (block) {
        const current: Block = block;
        current.pieces.push('\n');
        current.length += 1;
        keptChars += 1;
        pending = null;
      }
      return;
    }
    if (level > 0) {
      finishBlock();
      headingLevel = level;
    } else if (BLOCK_TAGS.has(tag)) finishBlock();
    const isLink = tag === 'a' && element.hasAttribute('href');
    if (isLink) linkDepth += 1;
    if (isMainLandmark(element, tag)) mainDepth += 1;
    stack.push({ node: element, exit: true, link: isLink });
    const shadow = (element as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
    pushChildren(stack, element);
    if (shadow) pushChildren(stack, shadow);
  };

  return {
    step(shouldYield) {
      let sinceClockCheck = 0;
      while (!done) {
        const entry = stack.pop();
        if (!entry || truncated) {
          finishBlock();
          done = true;
          break;
        }
        visit(entry);
        sinceClockCheck += 1;
        if (sinceClockCheck >= NODES_PER_CLOCK_CHECK) {
          sinceClockCheck = 0;
          if (shouldYield()) return false;
        }
      }
      return true;
    },
    result() {
      if (!done) throw new Error('extraction still running');
      assembled ??= { ...assemble(blocks, doc, root), truncated };
      return assembled;
    },
  };
}

interface StackEntry {
  node: Node;
  exit: boolean;
  link: boolean;
}

function pushChildren(stack: StackEntry[], parent: Node) {
  for (let child = parent.lastChild; child; child = child.previousSibling) {
    stack.push({ node: child, exit: false, link: false });
  }
}

function appendRun(block: Block, node: Text, offset: number, text: string) {
  const last = block.runs[block.runs.length - 1];
  if (
    last &&
    last.node === node &&
    last.nodeOffset + last.length === offset &&
    last.start + last.length === block.length
  ) {
    last.length += text.length;
  } else {
    block.runs.push({ start: block.length, length: text.length, node, nodeOffset: offset });
  }
  block.pieces.push(text);
  block.length += text.length;
}

function headingLevelOf(element: Element, tag: string): number {
  const level = HEADING_LEVEL[tag];
  if (level) return level;
  if (element.getAttribute('role') === 'heading') {
    const ariaLevel = Number.parseInt(element.getAttribute('aria-level') ?? '2', 10);
    return ariaLevel >= 1 && ariaLevel <= 6 ? ariaLevel : 2;
  }
  return 0;
}

function isMainLandmark(element: Element, tag: string): boolean {
  return tag === 'main' || element.getAttribute('role') === 'main';
}

function isExcluded(element: Element, tag: string, insideMain: boolean): boolean {
  if (SKIPPED_TAGS.has(tag)) return true;
  if (tag === 'header' && !insideMain) return true;
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  if (element.getAttribute('aria-modal') === 'true') return true;
  const role = element.getAttribute('role');
  if (role && SKIPPED_ROLES.has(role) && !(role === 'banner' && insideMain)) return true;
  const style = element.getAttribute('style');
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const id = element.getAttribute('id');
  if (id && BOILERPLATE_NAME.test(id)) return true;
  const className = element.getAttribute('class');
  if (className && className.length < 1000) {
    for (const token of className.split(/\s+/)) if (BOILERPLATE_NAME.test(token)) return true;
  }
  return false;
}

function isNavigationBlock(block: Block, text: string): boolean {
  if (block.headingLevel > 0) return false;
  if (!WORD.test(text)) return true;
  return block.linkChars / block.length >= LINK_DENSITY_LIMIT;
}

function assemble(
  allBlocks: Block[],
  doc: Document | null,
  root: Document | Element,
): ExtractedText & { map: TextMap } {
  // Each block's text is joined once, and runs are shifted in place: on a huge page these are
  // hundreds of thousands of objects, and this runs in one go.
  const texts = new Map<Block, string>();
  const textOf = (block: Block) => {
    let text = texts.get(block);
    if (text === undefined) {
      text = block.pieces.join('');
      texts.set(block, text);
    }
    return text;
  };
  let blocks = allBlocks.filter((block) => !isNavigationBlock(block, textOf(block)));
  const total = blocks.reduce((sum, block) => sum + block.length, 0);
  const inMain = blocks.reduce((sum, block) => sum + (block.inMain ? block.length : 0), 0);
  if (inMain > 0 && inMain >= total * MAIN_SHARE) blocks = blocks.filter((block) => block.inMain);

  const pieces: string[] = [];
  const runs: TextRun[] = [];
  const headings: TextHeading[] = [];
  let length = 0;
  for (const block of blocks) {
    if (length > 0) {
      pieces.push('\n\n');
      length += 2;
    }
    for (const run of block.runs) {
      run.start += length;
      runs.push(run);
    }
    const text = textOf(block);
    pieces.push(text);
    if (block.headingLevel > 0) {
      headings.push({
        start: length,
        end: length + block.length,
        level: block.headingLevel,
        text,
      });
    }
    length += block.length;
  }
  return {
    text: pieces.join(''),
    headings,
    title: titleOf(doc, root, headings),
    map: { runs },
  };
}

function titleOf(
  doc: Document | null,
  root: Document | Element,
  headings: readonly TextHeading[],
): string | null {
  const documentTitle = root.nodeType === DOCUMENT_NODE ? doc?.title?.trim() : '';
  if (documentTitle) return documentTitle.replace(/\s+/g, ' ');
  const first = headings.find((heading) => heading.level === 1) ?? headings[0];
  return first ? first.text : null;
}

/**
 * The DOM ranges covering [start, end) of the extracted text: one per text-node stretch, since a
 * clause can span several text nodes and elements. Separators inserted by extraction map to none.
 */
export function rangesFor(map: TextMap, start: number, end: number, doc: Document): Range[] {
  const ranges: Range[] = [];
  const { runs } = map;
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const run = runs[middle]!;
    if (run.start + run.length <= start) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < runs.length; index += 1) {
    const run = runs[index]!;
    if (run.start >= end) break;
    const from = Math.max(start, run.start) - run.start;
    const to = Math.min(end, run.start + run.length) - run.start;
    if (to <= from) continue;
    // A live page may have shortened the text node since it was read: skip what no longer fits
    // rather than throw.
    if (run.nodeOffset + to > run.node.data.length) continue;
    const range = doc.createRange();
    range.setStart(run.node, run.nodeOffset + from);
    range.setEnd(run.node, run.nodeOffset + to);
    ranges.push(range);
  }
  return mergeAdjacent(ranges);
}

/** Ranges that continue in the same text node (collapsed white space split them) are joined. */
function mergeAdjacent(ranges: Range[]): Range[] {
  const merged: Range[] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (
      previous &&
      previous.endContainer === range.startContainer &&
      previous.endOffset <= range.startOffset
    ) {
      previous.setEnd(range.endContainer, range.endOffset);
      continue;
    }
    merged.push(range);
  }
  return merged;
}

/** The DOM text position of one character of the extracted text, or null for a separator. */
export function locate(map: TextMap, offset: number): { node: Text; offset: number } | null {
  const { runs } = map;
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const run = runs[middle]!;
    if (run.start + run.length <= offset) low = middle + 1;
    else high = middle;
  }
  const run = runs[low];
  if (!run || run.start > offset) return null;
  return { node: run.node, offset: run.nodeOffset + (offset - run.start) };
}
