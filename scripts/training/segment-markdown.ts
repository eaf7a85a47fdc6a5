// Splits an Open Terms Archive markdown version into plain-text sentences for labelling. This is a
// tool for building the labelled set only; the extension segments pages with its own code.

function plain(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(?:#+|>|[-+*]|\d+[.)])\s+/gm, '')
    .replace(/\|/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Sentences of a markdown document, in order; headings and list items stay separate units. */
export function markdownSentences(markdown: string): string[] {
  const sentences: string[] = [];
  for (const block of markdown.split(/\n\s*\n|\n(?=\s*(?:[-+*]|\d+[.)]|#+)\s)/)) {
    const text = plain(block).replace(/\s*\n\s*/g, ' ');
    if (text.length === 0) continue;
    for (const sentence of text.split(/(?<=[.!?;:])\s+(?=[A-Z“"(])/)) {
      const trimmed = sentence.trim();
      if (/[\p{L}]{2,}/u.test(trimmed)) sentences.push(trimmed);
    }
  }
  return sentences;
}
