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

const WORD = /[\p{L}\p{N}]/u;

/** Share of a block's characters inside links above which it is navigation, not prose. */
const LINK_DENSITY_LIMIT = 0.8;
/** Main-landmark text must be at least this share of all kept text to be trusted alone. */
const MAIN_SHARE = 0.5;

interface Block {
  /** The block's text before its open stretch. */
  pieces: string[];
  /**
   * The open stretch: [stretchStart, stretchEnd) of `stretchSource`, the data of `stretchNode`,
   * not yet in `pieces`. Words and single spaces that follow each other in one text node extend
   * it, so a paragraph is a few slices rather than one piece per word.
   */
  stretchNode: Text | null;
  stretchSource: string;
  stretchStart: number;
  stretchEnd: number;
  runs: TextRun[];
  length: number;
  linkChars: number;
  headingLevel: number;
  inMain: boolean;
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
  /** Where the white space collapsed into the next space was: a text node and offset, or none. */
  let pendingNode: Text | null = null;
  let pendingOffset = 0;
  let linkDepth = 0;
  let mainDepth = 0;
  let headingLevel = 0;
  let keptChars = 0;
  let truncated = false;
  let done = false;
  let assembled: (ExtractedText & { map: TextMap; truncated: boolean }) | null = null;

  const finishBlock = () => {
    if (block && block.length > 0) {
      closeStretch(block);
      blocks.push(block);
    }
    block = null;
    pendingNode = null;
  };

  /** Keeps the word [start, end) of `node`, whose data is `source`. */
  const emit = (node: Text, source: string, start: number, end: number) => {
    if (keptChars >= maxChars) {
      truncated = true;
      return;
    }
    if (!block) {
      block = {
        pieces: [],
        stretchNode: null,
        stretchSource: '',
        stretchStart: 0,
        stretchEnd: 0,
        runs: [],
        length: 0,
        linkChars: 0,
        headingLevel,
        inMain: mainDepth > 0,
      };
    }
    const current: Block = block;
    if (pendingNode && current.length > 0) {
      appendSpace(current, pendingNode, pendingOffset);
      if (linkDepth > 0) current.linkChars += 1;
      keptChars += 1;
    }
    pendingNode = null;
    appendWord(current, node, source, start, end);
    if (linkDepth > 0) current.linkChars += end - start;
    keptChars += end - start;
  };

  // Words are the stretches between runs of collapsible white space (space, tab, line feed,
  // carriage return, form feed); a run becomes one space, and only between two words of a block.
  const emitText = (node: Text) => {
    const data = node.data;
    const length = data.length;
    let position = 0;
    while (!truncated) {
      let space = position;
      while (space < length && !isCollapsible(data.charCodeAt(space))) space += 1;
      if (space > position) emit(node, data, position, space);
      if (space === length) break;
      if (block && (block as Block).length > 0 && !pendingNode) {
        pendingNode = node;
        pendingOffset = space;
      }
      position = space + 1;
      while (position < length && isCollapsible(data.charCodeAt(position))) position += 1;
    }
  };

  // The walk's stack: nodes to enter, and (flagged EXIT) elements whose end tag we reached, with
  // what entering them did, so that leaving them undoes exactly that.
  const stackNodes: Node[] = [];
  const stackFlags: number[] = [];
  if (start) {
    stackNodes.push(start);
    stackFlags.push(0);
  }

  const visit = (node: Node, flags: number) => {
    if (node.nodeType === TEXT_NODE) {
      emitText(node as Text);
      return;
    }
    if (node.nodeType === DOCUMENT_FRAGMENT_NODE) {
      pushChildren(stackNodes, stackFlags, node);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    if (flags & EXIT) {
      if (flags & EXIT_LINK) linkDepth -= 1;
      if (flags & EXIT_MAIN) mainDepth -= 1;
      if (flags & EXIT_HEADING) {
        finishBlock();
        headingLevel = 0;
      } else if (flags & EXIT_BLOCK) finishBlock();
      return;
    }
    const element = node as Element;
    const tag = element.localName;
    if (isExcludedTag(tag, mainDepth > 0)) return;
    // Most elements of a policy (p, li, b) carry no attribute: no attribute look-ups for them.
    const attributed = element.hasAttributes();
    const role = attributed ? element.getAttribute('role') : null;
    if (attributed && isExcludedByAttributes(element, role, mainDepth > 0)) return;
    if (tag === 'br') {
      if (block) {
        const current: Block = block;
        closeStretch(current);
        current.pieces.push('\n');
        current.length += 1;
        keptChars += 1;
        pendingNode = null;
      }
      return;
    }
    let exit = EXIT;
    const level = headingLevelOf(element, tag, role);
    if (level > 0) {
      finishBlock();
      headingLevel = level;
      exit |= EXIT_HEADING;
    } else if (BLOCK_TAGS.has(tag)) {
      finishBlock();
      exit |= EXIT_BLOCK;
    }
    if (tag === 'a' && attributed && element.hasAttribute('href')) {
      linkDepth += 1;
      exit |= EXIT_LINK;
    }
    if (tag === 'main' || role === 'main') {
      mainDepth += 1;
      exit |= EXIT_MAIN;
    }
    stackNodes.push(element);
    stackFlags.push(exit);
    const shadow = (element as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
    pushChildren(stackNodes, stackFlags, element);
    if (shadow) pushChildren(stackNodes, stackFlags, shadow);
  };

  return {
    step(shouldYield) {
      let sinceClockCheck = 0;
      while (!done) {
        const node = stackNodes.pop();
        if (!node || truncated) {
          finishBlock();
          done = true;
          break;
        }
        visit(node, stackFlags.pop()!);
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

// Flags of a stack entry: EXIT marks an element being left; the others say what entering it did.
const EXIT = 1;
const EXIT_LINK = 2;
const EXIT_MAIN = 4;
const EXIT_HEADING = 8;
const EXIT_BLOCK = 16;

function pushChildren(nodes: Node[], flags: number[], parent: Node) {
  for (let child = parent.lastChild; child; child = child.previousSibling) {
    nodes.push(child);
    flags.push(0);
  }
}

/** Space, tab, line feed, form feed, carriage return: the white space HTML collapses. */
function isCollapsible(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

function closeStretch(block: Block) {
  if (block.stretchNode === null) return;
  block.pieces.push(block.stretchSource.slice(block.stretchStart, block.stretchEnd));
  block.stretchNode = null;
}

function appendWord(block: Block, node: Text, source: string, start: number, end: number) {
  appendRun(block, node, start, end - start);
  if (block.stretchNode !== node || block.stretchEnd !== start) {
    closeStretch(block);
    block.stretchNode = node;
    block.stretchSource = source;
    block.stretchStart = start;
  }
  block.stretchEnd = end;
  block.length += end - start;
}

/** One space standing for the white space at `offset` of `node`. */
function appendSpace(block: Block, node: Text, offset: number) {
  appendRun(block, node, offset, 1);
  if (
    block.stretchNode === node &&
    block.stretchEnd === offset &&
    block.stretchSource.charCodeAt(offset) === 32
  ) {
    block.stretchEnd += 1;
  } else {
    closeStretch(block);
    block.pieces.push(' ');
  }
  block.length += 1;
}

function appendRun(block: Block, node: Text, offset: number, length: number) {
  const last = block.runs[block.runs.length - 1];
  if (
    last &&
    last.node === node &&
    last.nodeOffset + last.length === offset &&
    last.start + last.length === block.length
  ) {
    last.length += length;
  } else {
    block.runs.push({ start: block.length, length, node, nodeOffset: offset });
  }
}

function headingLevelOf(element: Element, tag: string, role: string | null): number {
  const level = HEADING_LEVEL[tag];
  if (level) return level;
  if (role === 'heading') {
    const ariaLevel = Number.parseInt(element.getAttribute('aria-level') ?? '2', 10);
    return ariaLevel >= 1 && ariaLevel <= 6 ? ariaLevel : 2;
  }
  return 0;
}

function isExcludedTag(tag: string, insideMain: boolean): boolean {
  return SKIPPED_TAGS.has(tag) || (tag === 'header' && !insideMain);
}

function isExcludedByAttributes(element: Element, role: string | null, insideMain: boolean) {
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  if (element.getAttribute('aria-modal') === 'true') return true;
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

/** Index of the first run that ends after `offset` (binary search: runs are in text order). */
function firstRunEndingAfter(runs: TextMap['runs'], offset: number): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const run = runs[middle]!;
    if (run.start + run.length <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The DOM ranges covering [start, end) of the extracted text: one per text-node stretch, since a
 * clause can span several text nodes and elements. Separators inserted by extraction map to none.
 */
export function rangesFor(map: TextMap, start: number, end: number, doc: Document): Range[] {
  const ranges: Range[] = [];
  const { runs } = map;
  for (let index = firstRunEndingAfter(runs, start); index < runs.length; index += 1) {
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
  const run = runs[firstRunEndingAfter(runs, offset)];
  if (!run || run.start > offset) return null;
  return { node: run.node, offset: run.nodeOffset + (offset - run.start) };
}
