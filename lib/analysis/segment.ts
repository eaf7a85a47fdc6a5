/** A heading of an extracted text: [start, end) into that text, level 1..6. */
export interface TextHeading {
  start: number;
  end: number;
  level: number;
  text: string;
}

/** One sentence or list item of a text; offsets are into the segmented text. */
export interface SegmentedClause {
  text: string;
  start: number;
  end: number;
  /** The nearest heading above the clause. */
  heading: string | null;
}

// Above SOFT_LIMIT a clause is cut at ';' (legal run-ons are lists of ';'-joined obligations); a
// piece still above HARD_LIMIT is cut at the last comma or space before it, so that a highlight
// and its card stay readable.
const SOFT_LIMIT = 500;
const HARD_LIMIT = 800;

// Lower-cased, without the dot. A '.' after one of these does not end a sentence.
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'eg',
  'ie',
  'etc',
  'cf',
  'vs',
  'viz',
  'approx',
  'incl',
  'excl',
  'esp',
  'inc',
  'ltd',
  'llc',
  'corp',
  'co',
  'plc',
  'gmbh',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'dept',
  'govt',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'fig',
  'ca',
  'resp',
  'min',
  'max',
  'tel',
  'bzw',
  'ggf',
  'usw',
  'vgl',
  'inkl',
  'evtl',
  'sog',
  'gem',
  'lit',
  'ziff',
  'bspw',
  'zzgl',
  'núm',
  'sra',
  'ej',
  'ex',
  'z.b',
  'd.h',
  'u.a',
  'z.t',
  'p.ex',
  'ecc',
  'np',
  'tzn',
  'tj',
  'itd',
  'ust',
  'pkt',
  'sp',
]);

// Abbreviations that precede a number ("No. 5", "Art. 6(1)(f)", "p. 12"); they only block a
// boundary when a digit or '(' follows, so "say no. Then" still splits.
const NUMBER_ABBREVIATIONS = new Set([
  'no',
  'nos',
  'nr',
  'art',
  'arts',
  'sec',
  'sect',
  'para',
  'paras',
  'p',
  'pp',
  'abs',
  'ch',
  'chap',
  'vol',
  'ref',
  'reg',
  'ss',
]);

const CJK_TERMINATORS = '。！？';
const CLOSERS = '"\'”’»)]」』）';
// The same characters by char code: the sentence scan looks at every character of a page.
const CJK_TERMINATOR_CODES = codeSet(CJK_TERMINATORS);
const FIRST_CJK_TERMINATOR = Math.min(...CJK_TERMINATOR_CODES);
const CLOSER_CODES = codeSet(CLOSERS);
const LATIN_TERMINATOR_CODES = codeSet('.!?');
const DOT = 0x2e;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

function codeSet(chars: string): ReadonlySet<number> {
  return new Set([...chars].map((char) => char.charCodeAt(0)));
}
const LIST_MARKER =
  /^(?:[•·▪◦‣∙●○■□➢►▶✓✔*+\-–—]\s+|\(?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[a-z]|[ivxlc]{1,6})[.)]\s+|§\s*\d+[a-z]?\.?\s+)/i;
const HAS_WORD =
  /[\p{L}\p{N}]{2}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

interface Span {
  start: number;
  end: number;
}

/**
 * Splits a text into sentences and list items, with the nearest heading above each. Headings are
 * context, not clauses. Linear in the length of the text, no recursion.
 */
export function segmentClauses(
  text: string,
  headings: readonly TextHeading[] = [],
): SegmentedClause[] {
  const segmentation = startSegmentation(text, headings);
  segmentation.step(() => false);
  return segmentation.result();
}

/** A segmentation in progress, advanced in steps so that a caller can yield between them. */
export interface Segmentation {
  /** Segments on until done (true) or until `shouldYield` answers true (false: call again). */
  step(shouldYield: () => boolean): boolean;
  /** The clauses; only once `step` returned true. */
  result(): SegmentedClause[];
}

/** Blocks segmented between two looks at the clock. */
const BLOCKS_PER_CLOCK_CHECK = 16;

/** `segmentClauses` in resumable steps, a paragraph at a time. */
export function startSegmentation(
  text: string,
  headings: readonly TextHeading[] = [],
): Segmentation {
  const sorted = [...headings]
    .filter((heading) => heading.end > heading.start)
    .sort((a, b) => a.start - b.start);
  // The stretches between headings, each with the heading above it.
  const regions: { start: number; end: number; heading: string | null }[] = [];
  let headingIndex = 0;
  let currentHeading: string | null = null;
  let cursor = 0;
  while (cursor < text.length) {
    const next = sorted[headingIndex];
    if (!next) {
      regions.push({ start: cursor, end: text.length, heading: currentHeading });
      break;
    }
    if (next.start > cursor) {
      regions.push({
        start: cursor,
        end: Math.min(next.start, text.length),
        heading: currentHeading,
      });
    }
    const headingText = next.text.trim();
    if (headingText) currentHeading = headingText;
    cursor = Math.max(cursor, next.end);
    headingIndex += 1;
  }

  const clauses: SegmentedClause[] = [];
  const emitBlock = (block: Span, heading: string | null) => {
    for (const sentence of sentencesOf(text, block)) {
      for (const piece of boundLength(text, sentence)) {
        const span = trimSpan(text, piece);
        if (!span) continue;
        const clauseText = text.slice(span.start, span.end);
        if (!HAS_WORD.test(clauseText)) continue;
        clauses.push({ text: clauseText, start: span.start, end: span.end, heading });
      }
    }
  };

  let regionIndex = 0;
  let blocks: Span[] | null = null;
  let blockIndex = 0;
  return {
    step(shouldYield) {
      let sinceClockCheck = 0;
      while (regionIndex < regions.length) {
        const region = regions[regionIndex]!;
        blocks ??= blocksOf(text, region.start, region.end);
        while (blockIndex < blocks.length) {
          emitBlock(blocks[blockIndex]!, region.heading);
          blockIndex += 1;
          sinceClockCheck += 1;
          if (sinceClockCheck >= BLOCKS_PER_CLOCK_CHECK) {
            sinceClockCheck = 0;
            if (shouldYield()) return false;
          }
        }
        regionIndex += 1;
        blocks = null;
        blockIndex = 0;
      }
      return true;
    },
    result() {
      if (regionIndex < regions.length) throw new Error('segmentation still running');
      return clauses;
    },
  };
}

/**
 * Blocks are paragraphs and list items. A blank line always separates blocks; a single newline
 * does too unless it is a hard wrap inside a sentence (the line before does not end a sentence and
 * the next one starts in lower case).
 */
function blocksOf(text: string, start: number, end: number): Span[] {
  const blocks: Span[] = [];
  let blockStart = start;
  let position = start;
  while (position < end) {
    const newline = text.indexOf('\n', position);
    if (newline === -1 || newline >= end) break;
    if (!isHardWrap(text, blockStart, newline, end)) {
      if (newline > blockStart) blocks.push({ start: blockStart, end: newline });
      blockStart = newline + 1;
    }
    position = newline + 1;
  }
  if (end > blockStart) blocks.push({ start: blockStart, end });
  return blocks;
}

function isHardWrap(text: string, lineStart: number, newline: number, end: number): boolean {
  let before = newline - 1;
  while (before >= lineStart && isSpace(text.charCodeAt(before))) before -= 1;
  if (before < lineStart) return false;
  if ('.!?:;。！？'.includes(text.charAt(before))) return false;
  let after = newline + 1;
  while (after < end && (text[after] === ' ' || text[after] === '\t')) after += 1;
  if (after >= end) return false;
  const next = text.charAt(after);
  return next !== next.toUpperCase() && next === next.toLowerCase();
}

function sentencesOf(text: string, block: Span): Span[] {
  const sentences: Span[] = [];
  let sentenceStart = block.start;
  const markerMatch = LIST_MARKER.exec(
    text.slice(block.start, Math.min(block.end, block.start + 24)),
  );
  const markerEnd = markerMatch ? block.start + markerMatch[0].length : block.start;
  for (let index = block.start; index < block.end; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= FIRST_CJK_TERMINATOR && CJK_TERMINATOR_CODES.has(code)) {
      let end = index + 1;
      while (
        end < block.end &&
        (CLOSER_CODES.has(text.charCodeAt(end)) || CJK_TERMINATOR_CODES.has(text.charCodeAt(end)))
      )
        end += 1;
      sentences.push({ start: sentenceStart, end });
      sentenceStart = end;
      index = end - 1;
      continue;
    }
    if (code !== DOT && code !== EXCLAMATION && code !== QUESTION) continue;
    if (index < markerEnd) continue;
    let end = index + 1;
    while (
      end < block.end &&
      (LATIN_TERMINATOR_CODES.has(text.charCodeAt(end)) || CLOSER_CODES.has(text.charCodeAt(end)))
    )
      end += 1;
    if (end >= block.end) break;
    if (!isSpace(text.charCodeAt(end))) {
      // Sentences glued by markup ("…Privacy Policy).Please refer…"): split only between a
      // lower-case word and a capitalised one, never inside URLs, e-mail addresses or initials.
      if (!isGluedBoundary(text, sentenceStart, index, end, block.end)) continue;
      sentences.push({ start: sentenceStart, end });
      sentenceStart = end;
      index = end - 1;
      continue;
    }
    let nextStart = end;
    while (nextStart < block.end && isSpace(text.charCodeAt(nextStart))) nextStart += 1;
    if (nextStart >= block.end) break;
    if (code === DOT && !endsSentenceAfterDot(text, sentenceStart, index, nextStart)) continue;
    if (!startsSentence(text.charAt(nextStart)) && !isCamelWord(text, nextStart, block.end))
      continue;
    sentences.push({ start: sentenceStart, end });
    sentenceStart = nextStart;
    index = nextStart - 1;
  }
  if (block.end > sentenceStart) sentences.push({ start: sentenceStart, end: block.end });
  return sentences;
}

function endsSentenceAfterDot(
  text: string,
  sentenceStart: number,
  dot: number,
  nextStart: number,
): boolean {
  let tokenStart = dot;
  while (tokenStart > sentenceStart && !isSpace(text.charCodeAt(tokenStart - 1))) tokenStart -= 1;
  const token = text
    .slice(tokenStart, dot)
    .replace(/^[("'“‘[]+/, '')
    .toLowerCase();
  if (token === '') return true;
  if (ABBREVIATIONS.has(token)) return false;
  // "U.S.", "a.m.", single initials ("J. Smith").
  if (/^(?:\p{L}\.)*\p{L}$/u.test(token)) return false;
  const next = text.charAt(nextStart);
  if (NUMBER_ABBREVIATIONS.has(token) && (isDigit(next) || next === '(')) return false;
  // Italian "ad es." ("for example") is two words.
  if (
    token === 'es' &&
    /\bad\s$/i.test(text.slice(Math.max(sentenceStart, tokenStart - 3), tokenStart))
  )
    return false;
  return true;
}

function isGluedBoundary(
  text: string,
  sentenceStart: number,
  terminator: number,
  next: number,
  blockEnd: number,
): boolean {
  const before = text.charAt(terminator - 1);
  if (!(/\p{Ll}/u.test(before) || before === ')')) return false;
  if (!/^\p{Lu}\p{Ll}{2}/u.test(text.slice(next, Math.min(blockEnd, next + 3)))) return false;
  let tokenStart = terminator;
  while (tokenStart > sentenceStart && !isSpace(text.charCodeAt(tokenStart - 1))) tokenStart -= 1;
  return !/[/@:]|www|\.\p{L}/u.test(text.slice(tokenStart, terminator));
}

/** Brand names such as "xAI", "iPhone" or "eBay" start sentences in lower case. */
function isCamelWord(text: string, start: number, end: number): boolean {
  return /^\p{Ll}{1,2}\p{Lu}/u.test(text.slice(start, Math.min(end, start + 3)));
}

function startsSentence(char: string): boolean {
  if (isDigit(char)) return true;
  if ('"\'“‘«([¿¡§•*-–—'.includes(char)) return true;
  if (char.toLowerCase() !== char) return true;
  // Scripts without case (CJK, Arabic, …) start sentences with any letter.
  return char.toUpperCase() === char && /\p{L}/u.test(char);
}

function boundLength(text: string, span: Span): Span[] {
  if (span.end - span.start <= SOFT_LIMIT) return [span];
  const pieces: Span[] = [];
  let pieceStart = span.start;
  for (let index = span.start; index < span.end; index += 1) {
    if (text.charAt(index) !== ';' && text.charAt(index) !== '；') continue;
    if (index + 1 - pieceStart < 80) continue;
    pieces.push({ start: pieceStart, end: index + 1 });
    pieceStart = index + 1;
  }
  pieces.push({ start: pieceStart, end: span.end });
  return pieces.flatMap((piece) => hardCut(text, piece));
}

function hardCut(text: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > HARD_LIMIT) {
    const limit = start + HARD_LIMIT;
    let cut = -1;
    for (let index = limit; index > start + HARD_LIMIT / 2; index -= 1) {
      const char = text.charAt(index);
      if ((char === ',' || char === '，' || char === '、') && isSpaceOrCjk(text, index + 1)) {
        cut = index + 1;
        break;
      }
    }
    if (cut === -1) {
      for (let index = limit; index > start + HARD_LIMIT / 2; index -= 1) {
        if (isSpace(text.charCodeAt(index))) {
          cut = index;
          break;
        }
      }
    }
    if (cut === -1) cut = limit;
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: span.end });
  return pieces;
}

function trimSpan(text: string, span: Span): Span | null {
  let start = span.start;
  let end = span.end;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  const marker = LIST_MARKER.exec(text.slice(start, Math.min(end, start + 24)));
  if (marker && start + marker[0].length < end) start += marker[0].length;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  return end > start ? { start, end } : null;
}

function isSpaceOrCjk(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return Number.isNaN(code) || isSpace(code) || code > 0x2e80;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f
  );
}
