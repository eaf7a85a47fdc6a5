import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  extractMainText,
  locate,
  rangesFor,
  startTextExtraction,
} from '../../lib/analysis/extract';
import { extractFromMarkdown, extractFromPlainText } from '../../lib/analysis/markdown';
import { segmentClauses } from '../../lib/analysis/segment';

const PAGES = join(import.meta.dirname, '..', 'fixtures', 'pages');

function page(name: string): Document {
  return parseHTML(readFileSync(join(PAGES, name), 'utf8')).document as unknown as Document;
}

/**
 * linkedom has no text-offset ranges, so the ranges are recorded by a minimal stand-in for the
 * browser's Range (start/end containers and offsets, and the text they cover).
 */
class RecordedRange {
  startContainer!: Text;
  startOffset = 0;
  endContainer!: Text;
  endOffset = 0;
  setStart(node: Text, offset: number) {
    this.startContainer = node;
    this.startOffset = offset;
  }
  setEnd(node: Text, offset: number) {
    this.endContainer = node;
    this.endOffset = offset;
  }
  toString() {
    expect(this.endContainer).toBe(this.startContainer);
    return this.startContainer.data.slice(this.startOffset, this.endOffset);
  }
}

const rangeFactory = { createRange: () => new RecordedRange() } as unknown as Document;

function html(body: string): Document {
  return parseHTML(`<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`)
    .document as unknown as Document;
}

/** Every mapped character of the extracted text equals the DOM character it maps to. */
function expectMapConsistent(result: ReturnType<typeof extractMainText>) {
  for (const run of result.map.runs) {
    const domText = run.node.data.slice(run.nodeOffset, run.nodeOffset + run.length);
    expect(domText.replace(/[ \t\n\r\f]/g, ' ')).toBe(
      result.text.slice(run.start, run.start + run.length),
    );
  }
}

describe('extractMainText on real pages', () => {
  it('keeps the policy body and headings of a large page and drops navigation and footer', () => {
    const result = extractMainText(page('anthropic-privacy-policy.html'));
    expect(result.title).toContain('Privacy Policy');
    expect(result.headings.length).toBeGreaterThan(10);
    expect(result.headings[0]!.text).toBe('Privacy Policy');
    expect(result.text).toContain('Anthropic');
    expect(result.text.length).toBeGreaterThan(20_000);
    // Footer and site navigation of anthropic.com.
    expect(result.text).not.toMatch(/Try Claude\s*\n/);
    expect(result.text).not.toContain('© 2025 Anthropic PBC');
    expectMapConsistent(result);
  });

  it('does not lose sections whose class names merely contain boilerplate words', () => {
    const result = extractMainText(page('openai-privacy-policy.html'));
    expect(result.headings.map((heading) => heading.text)).toContain('2. Personal Data we collect');
    expect(result.text).not.toContain('Select language');
    expectMapConsistent(result);
  });

  it('extracts Chinese policies', () => {
    const result = extractMainText(page('doubao-privacy-policy.html'));
    expect(result.text).toContain('个人信息');
    expect(result.text.length).toBeGreaterThan(10_000);
  });

  it('returns no text for a JavaScript application shell', () => {
    const result = extractMainText(page('qwen-privacy-policy.html'));
    expect(result.text).toBe('');
    expect(result.headings).toEqual([]);
  });

  it('maps clause offsets back to DOM ranges holding the same text', () => {
    const result = extractMainText(page('deepseek-privacy-policy.html'));
    const clauses = segmentClauses(result.text, result.headings);
    expect(clauses.length).toBeGreaterThan(50);
    for (const clause of clauses.slice(0, 80)) {
      const ranges = rangesFor(result.map, clause.start, clause.end, rangeFactory);
      expect(ranges.length).toBeGreaterThan(0);
      const domText = ranges.map((range) => range.toString()).join('');
      expect(domText.replace(/\s+/g, '')).toBe(clause.text.replace(/\s+/g, ''));
    }
  });
});

describe('extractMainText on crafted markup', () => {
  it('drops hidden elements, cookie banners, menus and link lists but keeps headings', () => {
    const document = html(`
      <header><a href="/">Home</a></header>
      <nav><ul><li><a href="/a">A</a></li></ul></nav>
      <div id="onetrust-banner-sdk">We use cookies. Accept all</div>
      <main>
        <h1>Privacy Policy</h1>
        <p>We collect your <a href="/data">email address</a> when you sign up.</p>
        <div hidden>Hidden text</div>
        <div aria-hidden="true">Aria hidden</div>
        <div style="display: none">Display none</div>
        <ul><li><a href="/x">Link one</a></li><li><a href="/y">Link two</a></li></ul>
        <h2>Your rights</h2>
        <p>You may ask us to delete it.</p>
        <script>var secret = 1;</script>
      </main>
      <footer>© Acme</footer>`);
    const result = extractMainText(document);
    expect(result.text).toBe(
      'Privacy Policy\n\nWe collect your email address when you sign up.\n\nYour rights\n\nYou may ask us to delete it.',
    );
    expect(result.headings.map(({ text, level }) => [text, level])).toEqual([
      ['Privacy Policy', 1],
      ['Your rights', 2],
    ]);
    for (const heading of result.headings) {
      expect(result.text.slice(heading.start, heading.end)).toBe(heading.text);
    }
    expectMapConsistent(result);
  });

  it('maps a clause spanning several elements to several ranges and separators to none', () => {
    const result = extractMainText(
      html('<p>We <b>share</b> data with <i>partners</i>.</p><p>Next.</p>'),
    );
    expect(result.text).toBe('We share data with partners.\n\nNext.');
    const ranges = rangesFor(result.map, 0, 28, rangeFactory);
    expect(ranges.map((range) => range.toString())).toEqual([
      'We ',
      'share',
      ' data with ',
      'partners',
      '.',
    ]);
    expect(locate(result.map, 28)).toBeNull();
    expect(locate(result.map, 30)?.node.data).toBe('Next.');
  });

  it('collapses white space runs to one space, within and across text nodes', () => {
    const result = extractMainText(
      html(
        '<p>  Tabs\tand\r\nlines \f and   runs, <b> bold </b>\n<i>in</i>line\u00a0nbsp\u2003em </p>' +
          '<p>One<br>  two<br><br>three\n</p><p> <span> </span> </p><p>x<b></b> <b> </b>y</p>',
      ),
    );
    expect(result.text).toBe(
      'Tabs and lines and runs, bold inline\u00a0nbsp\u2003em\n\nOne\n two\n\nthree\n\nx y',
    );
    expectMapConsistent(result);
    // Where the text continues the same text node, with single white space characters, the map
    // has one run.
    expect(
      result.map.runs.slice(0, 3).map((run) => [run.start, run.length, run.nodeOffset]),
    ).toEqual([
      [0, 9, 2],
      [9, 6, 12],
      [15, 4, 20],
    ]);
    const ranges = rangesFor(result.map, 0, result.text.indexOf('\n'), rangeFactory);
    expect(ranges.map((range) => range.toString()).join('|')).toBe(
      'Tabs\tand\r\nlines \f and   runs, |bold |in|line\u00a0nbsp\u2003em',
    );
  });

  it('stops after the word that reaches maxChars, and steps the same as in one go', () => {
    const document = html(
      `<main>${Array.from({ length: 200 }, (_, index) => `<p>Clause ${index} says   a <b>thing</b>.</p>`).join('')}</main>`,
    );
    const whole = extractMainText(document);
    for (const maxChars of [1, 7, 8, 9, 100, 1_000]) {
      const extraction = startTextExtraction(document, { maxChars });
      let calls = 0;
      while (!extraction.step(() => ++calls % 2 === 0));
      const { text, truncated, map } = extraction.result();
      expect(truncated).toBe(true);
      expect(whole.text.startsWith(text)).toBe(true);
      // Truncation comes between words, once the kept characters (block separators aside) reach
      // maxChars: past it by at most a space and a word ("Clause" is the longest).
      const kept = text.replaceAll('\n\n', '').length;
      expect(kept).toBeGreaterThanOrEqual(maxChars);
      expect(kept).toBeLessThanOrEqual(maxChars + 1 + 'Clause'.length);
      expect(map.runs.at(-1)!.start + map.runs.at(-1)!.length).toBe(text.length);
    }
    const stepped = startTextExtraction(document);
    while (!stepped.step(() => true));
    expect(stepped.result().text).toBe(whole.text);
    expect(stepped.result().truncated).toBe(false);
  });

  it('survives very deep nesting and many nodes without recursion', () => {
    const depth = 20_000;
    const document = html(`${'<div>'.repeat(depth)}<p>Deep sentence.</p>${'</div>'.repeat(depth)}`);
    expect(extractMainText(document).text).toBe('Deep sentence.');
    const many = html(
      Array.from({ length: 50_000 }, (_, index) => `<p>Sentence number ${index}.</p>`).join(''),
    );
    const result = extractMainText(many);
    expect(result.text.split('\n\n')).toHaveLength(50_000);
  });
});

describe('extractFromMarkdown', () => {
  it('strips markup and records headings', () => {
    const result = extractFromMarkdown(
      '# Privacy Policy\n\nWe collect **your** [email](https://x.example).\nIt is kept.\n\n## Rights\n\n- You may *object*.\n- You may delete.\n',
    );
    expect(result.title).toBe('Privacy Policy');
    expect(result.text).toBe(
      'Privacy Policy\n\nWe collect your email. It is kept.\n\nRights\n\nYou may object.\n\nYou may delete.',
    );
    expect(result.headings.map((heading) => result.text.slice(heading.start, heading.end))).toEqual(
      ['Privacy Policy', 'Rights'],
    );
  });

  it('guesses headings in plain text and keeps its offsets', () => {
    const source = 'Terms of Use\n\n1. Acceptance\nBy using the service you agree.\n';
    const result = extractFromPlainText(source);
    expect(result.text).toBe(source);
    expect(result.headings.map((heading) => heading.text)).toEqual([
      'Terms of Use',
      '1. Acceptance',
    ]);
  });
});
