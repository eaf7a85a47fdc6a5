import type { ExtractedText } from './extract';
import type { TextHeading } from './segment';

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;

/**
 * Plain text and headings of a markdown document (as Open Terms Archive stores versions): markup
 * is dropped, paragraphs become one line each and blocks are separated by a blank line, the same
 * shape `extractMainText` gives for HTML so both segment alike.
 */
export function extractFromMarkdown(markdown: string): ExtractedText {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: { text: string; level: number }[] = [];
  let paragraph: string[] = [];
  let fence: string | null = null;

  const flush = () => {
    const text = inline(paragraph.join(' '));
    if (text) blocks.push({ text, level: 0 });
    paragraph = [];
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (fence) {
      if (line.trim().startsWith(fence)) fence = null;
      else if (line.trim()) blocks.push({ text: line.trim(), level: 0 });
      continue;
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1]!.slice(0, 3);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      flush();
      const text = inline(heading[2]!);
      if (text) blocks.push({ text, level: heading[1]!.length });
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && paragraph.length > 0) {
      const text = inline(paragraph.join(' '));
      paragraph = [];
      if (text) blocks.push({ text, level: underline[1]!.startsWith('=') ? 1 : 2 });
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      continue;
    }
    if (TABLE_DELIMITER.test(line) && line.includes('-')) continue;
    if (LIST_ITEM.test(line)) {
      flush();
      paragraph.push(line.replace(LIST_ITEM, ''));
      continue;
    }
    const unquoted = line.replace(/^[ \t]*(?:>[ \t]?)+/, '');
    if (/^\s*\|.*\|\s*$/.test(unquoted)) {
      flush();
      const cells = unquoted
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => inline(cell))
        .filter(Boolean);
      if (cells.length > 0) blocks.push({ text: cells.join(' — '), level: 0 });
      continue;
    }
    paragraph.push(unquoted.trim());
  }
  flush();

  const headings: TextHeading[] = [];
  const pieces: string[] = [];
  let length = 0;
  for (const block of blocks) {
    if (length > 0) {
      pieces.push('\n\n');
      length += 2;
    }
    if (block.level > 0) {
      headings.push({
        start: length,
        end: length + block.text.length,
        level: block.level,
        text: block.text,
      });
    }
    pieces.push(block.text);
    length += block.text.length;
  }
  const title = headings.find((heading) => heading.level === 1)?.text ?? headings[0]?.text ?? null;
  return { text: pieces.join(''), headings, title };
}

function inline(source: string): string {
  return source
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_]*?\S)[*_](?=$|[^\w*])/g, '$1$2')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/**
 * A plain-text document as is (line ends normalised), with headings guessed: a short line on its
 * own, without closing punctuation, that starts with a capital or a section number.
 */
export function extractFromPlainText(source: string): ExtractedText {
  const text = source.replace(/\r\n?/g, '\n');
  const headings: TextHeading[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const trimmed = line.trim();
    const previousBlank = index === 0 || lines[index - 1]!.trim() === '';
    if (
      previousBlank &&
      trimmed.length >= 3 &&
      trimmed.length <= 90 &&
      !/[.,;:!?)\]"”。]$/.test(trimmed) &&
      /^(?:\p{Lu}|\d{1,2}(?:\.\d{1,2})*\.?\s+\p{L}|[IVX]{1,5}\.\s)/u.test(trimmed)
    ) {
      const start = offset + line.indexOf(trimmed);
      headings.push({ start, end: start + trimmed.length, level: 2, text: trimmed });
    }
    offset += line.length + 1;
  }
  const firstLine = lines.find((line) => line.trim() !== '')?.trim() ?? null;
  return { text, headings, title: headings[0]?.text ?? firstLine?.slice(0, 200) ?? null };
}
