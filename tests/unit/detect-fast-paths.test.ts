import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TYPE_FINDERS } from '../../lib/analysis/detect';
import { normalise } from '../../lib/analysis/normalise';
import { mayMatchType, openingAt } from '../../lib/analysis/type-gate';
import { GATE_OPENINGS } from '../../lib/analysis/type-openings';
import { regexOpenings } from '../../scripts/detect/regex-openings';
import {
  gateOpenings,
  gateOpeningsSource,
  patternOpenings,
} from '../../scripts/detect/write-type-openings';

const DATA = join(import.meta.dirname, '../../data');

describe('regexOpenings', () => {
  it('lists every beginning of a match up to the length, and whole shorter matches', () => {
    expect(regexOpenings(/\b(?:ab|c[de]f?)\b/, 3)).toEqual(['ab', 'cd', 'cdf', 'ce', 'cef']);
    expect(regexOpenings(/x(?:yz)*/, 4)).toEqual(['x', 'xyz', 'xyzy']);
    expect(regexOpenings(/a\d{2,3}/, 3)).toEqual(
      Array.from({ length: 100 }, (_, n) => `a${String(n).padStart(2, '0')}`.slice(0, 3)).filter(
        (opening, index, all) => all.indexOf(opening) === index,
      ),
    );
  });

  it('reads lookarounds and anchors as consuming nothing', () => {
    expect(regexOpenings(/^(?<!no )data ?(?=p)policy$/, 6)).toEqual(['data p', 'datapo']);
  });

  it('rejects syntax it does not read rather than guessing', () => {
    expect(() => regexOpenings(/\p{L}/u, 3)).toThrow(/flags/);
    expect(() => regexOpenings(/(?<name>a)/, 3)).toThrow(/unsupported group/);
    expect(() => regexOpenings(/a\W/, 3)).toThrow(/unsupported escape/);
    expect(() => regexOpenings(/abc/i, 3)).toThrow(/flags/);
  });
});

describe('GATE_OPENINGS', () => {
  it('is what the generator makes of the current type patterns', () => {
    expect(GATE_OPENINGS).toEqual(gateOpenings());
    expect(
      readFileSync(join(import.meta.dirname, '../../lib/analysis/type-openings.ts'), 'utf8'),
    ).toBe(gateOpeningsSource(gateOpenings()));
  });

  it('begins, without its spaces, every opening of the patterns, and no opening begins another', () => {
    const openings = new Set(GATE_OPENINGS);
    const begun = (opening: string) =>
      Array.from({ length: opening.length - 1 }, (_, cut) => opening.slice(0, cut + 2)).some(
        (start) => openings.has(start),
      );
    expect(patternOpenings().filter((opening) => !begun(opening.replaceAll(' ', '')))).toEqual([]);
    expect(GATE_OPENINGS.filter((opening) => begun(opening.slice(0, -1)))).toEqual([]);
  });
});

/** Texts full of policy words and of ordinary ones: the labelled URLs and training sentences. */
function sampleTexts(): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(join(DATA, 'urls'))) {
    for (const line of readFileSync(join(DATA, 'urls', file), 'utf8').split('\n')) {
      const url = line.startsWith('{') ? (JSON.parse(line) as { url: string }).url : line.trim();
      if (!url || url.startsWith('#')) continue;
      texts.push(url.toLowerCase().replace(/[/\-_.+?=&:%]+/g, ' '));
    }
  }
  for (const file of ['ai-labels.jsonl', 'claudette-en.jsonl']) {
    for (const line of readFileSync(join(DATA, 'training', file), 'utf8').split('\n')) {
      if (line) texts.push((JSON.parse(line) as { text: string }).text.toLowerCase());
    }
  }
  return texts;
}

describe('openingAt', () => {
  it('finds exactly the openings a scan of the whole list finds, at every position', () => {
    const texts = sampleTexts().filter((_, index) => index % 7 === 0);
    let found = 0;
    for (const openings of [GATE_OPENINGS]) {
      for (const text of texts) {
        for (let index = 0; index < text.length - 1; index += 1) {
          const expected = openings.some((opening) => text.startsWith(opening, index));
          if (openingAt(text, index, openings) !== expected) {
            throw new Error(`openingAt disagrees at ${index} of "${text}"`);
          }
          if (expected) found += 1;
        }
      }
    }
    expect(found).toBeGreaterThan(1000);
    // A brute-force scan of every opening at every position: seconds, more on a loaded machine.
  }, 60_000);
});

describe('mayMatchType', () => {
  const texts = sampleTexts();

  it('is false only for texts no type pattern matches', () => {
    const missed = texts.filter(
      (text) => !mayMatchType(text) && TYPE_FINDERS.some(({ find }) => find(text) !== null),
    );
    expect(missed).toEqual([]);
    // The sample must exercise both sides for the check above to mean anything.
    const matched = texts.filter((text) => TYPE_FINDERS.some(({ find }) => find(text) !== null));
    expect(matched.length).toBeGreaterThan(5000);
    expect(texts.filter((text) => !mayMatchType(text)).length).toBeGreaterThan(5000);
  });

  it('finds an opening anywhere a match may start, including after other words and inside CJK text', () => {
    expect(mayMatchType('help center privacy policy')).toBe(true);
    expect(mayMatchType('legal agb')).toBe(true);
    expect(mayMatchType('网站隐私政策')).toBe(true);
    expect(mayMatchType('abc隐私')).toBe(true);
    expect(mayMatchType('kitchen coffee grinders')).toBe(false);
    // Inside a word no \b-anchored phrase can start.
    expect(mayMatchType('unprivacy')).toBe(false);
    expect(TYPE_FINDERS.some(({ find }) => find('unprivacy') !== null)).toBe(false);
  });
});

/**
 * The definition `normalise` was first written as, with the text composed again after its accents
 * are stripped (2026-11-24: decomposed, Hangul and voiced kana matched no phrase in those scripts).
 */
function normaliseByPatterns(value: string): string {
  const plain = /[^ -~\s]/.test(value)
    ? value
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .normalize('NFC')
    : value;
  return plain
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\s/\-_.+,:;|()[\]'"’–—]+/g, ' ')
    .trim();
}

describe('normalise', () => {
  it('agrees with its regular-expression definition on every UTF-16 unit, alone and between words', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const unit = String.fromCharCode(code);
      for (const text of [unit, `Ab${unit}cD`, `${unit}${unit} x ${unit}`, `É${unit}`]) {
        if (normalise(text) !== normaliseByPatterns(text)) {
          differing.push(code);
          break;
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('agrees with it on the labelled URLs and training sentences', () => {
    const texts = sampleTexts();
    expect(texts.filter((text) => normalise(text) !== normaliseByPatterns(text))).toEqual([]);
    expect(normalise(' /legal/Datenschutzerklärung.html ')).toBe('legal datenschutzerklarung html');
  });

  it('keeps Hangul syllables and voiced kana whole, so phrases in those scripts match', () => {
    expect(normalise('개인정보처리방침')).toBe('개인정보처리방침');
    expect(normalise('プライバシーポリシー')).toBe('プライバシーポリシー');
    expect(normalise('Política de Privacidade')).toBe('politica de privacidade');
  });
});
