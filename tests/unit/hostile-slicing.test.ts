import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractMainText, startTextExtraction } from '../../lib/analysis/extract';
import { segmentClauses, startSegmentation } from '../../lib/analysis/segment';
import {
  capItems,
  createSlicer,
  largePageNotice,
  mapInSlices,
  runInSlices,
  textFingerprint,
} from '../../lib/content/slicing';

/** A clock that only moves when told to, and a yield that records itself. */
function fakeTime() {
  let now = 0;
  let pauses = 0;
  return {
    advance: (ms: number) => {
      now += ms;
    },
    pauses: () => pauses,
    env: {
      now: () => now,
      yieldToLoop: async () => {
        pauses += 1;
      },
      sliceMs: 10,
    },
  };
}

function html(body: string): Document {
  return parseHTML(
    `<!doctype html><html><head><title>Policy</title></head><body>${body}</body></html>`,
  ).document as unknown as Document;
}

describe('createSlicer', () => {
  it('asks to yield once a slice has used its time, and starts a new slice after pausing', async () => {
    const time = fakeTime();
    const slicer = createSlicer(time.env);
    expect(slicer.shouldYield()).toBe(false);
    time.advance(9);
    expect(slicer.shouldYield()).toBe(false);
    time.advance(1);
    expect(slicer.shouldYield()).toBe(true);
    await slicer.pause();
    expect(time.pauses()).toBe(1);
    expect(slicer.shouldYield()).toBe(false);
  });
});

describe('mapInSlices', () => {
  it('maps in batches, in order, pausing between batches only when the slice is spent', async () => {
    const time = fakeTime();
    const slicer = createSlicer(time.env);
    const batches: number[][] = [];
    const result = await mapInSlices(
      Array.from({ length: 10 }, (_, index) => index),
      (batch) => {
        batches.push([...batch]);
        time.advance(6);
        return batch.map((value) => value * 2);
      },
      slicer,
      3,
    );
    expect(result).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    // 6 ms per batch against 10 ms slices: the slice is spent after two batches (12 ms), so
    // one pause before the third; the fourth starts 6 ms into the new slice.
    expect(time.pauses()).toBe(1);
  });

  it('rejects a batch function that loses or invents results', async () => {
    const slicer = createSlicer(fakeTime().env);
    await expect(mapInSlices([1, 2, 3], (batch) => batch.slice(1), slicer, 2)).rejects.toThrow(
      /mapped to 1 results/,
    );
  });
});

describe('runInSlices and startTextExtraction', () => {
  const body = Array.from(
    { length: 300 },
    (_, index) => `<h2>Part ${index}</h2><p>We keep record ${index} for <b>ninety</b> days.</p>`,
  ).join('');

  it('extracts exactly what extractMainText does, however often it is interrupted', async () => {
    const doc = html(body);
    const whole = extractMainText(doc);
    const time = fakeTime();
    const slicer = createSlicer(time.env);
    const extraction = startTextExtraction(doc);
    await runInSlices((shouldYield) => {
      time.advance(20);
      return extraction.step(shouldYield);
    }, slicer);
    expect(time.pauses()).toBeGreaterThan(5);
    const sliced = extraction.result();
    expect(sliced.text).toBe(whole.text);
    expect(sliced.headings).toEqual(whole.headings);
    expect(sliced.map.runs.length).toBe(whole.map.runs.length);
    expect(sliced.truncated).toBe(false);
  });

  it('will not give a result before it is done', () => {
    const extraction = startTextExtraction(html(body));
    expect(extraction.step(() => true)).toBe(false);
    expect(() => extraction.result()).toThrow(/still running/);
  });

  it('stops after maxChars characters and says the text was truncated', () => {
    const doc = html(body);
    const extraction = startTextExtraction(doc, { maxChars: 500 });
    expect(extraction.step(() => false)).toBe(true);
    const result = extraction.result();
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeGreaterThanOrEqual(400);
    expect(result.text.length).toBeLessThan(600);
    expect(extractMainText(doc).text.startsWith(result.text)).toBe(true);
  });

  it('bounds a single enormous text node too', () => {
    const doc = html(`<p>${'We share your data with partners. '.repeat(100_000)}</p>`);
    const extraction = startTextExtraction(doc, { maxChars: 10_000 });
    extraction.step(() => false);
    const result = extraction.result();
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(10_000 + 'partners.'.length);
  });
});

describe('startSegmentation', () => {
  it('segments exactly as segmentClauses does, however often it is interrupted', async () => {
    const extracted = extractMainText(
      html(
        Array.from(
          { length: 80 },
          (_, index) =>
            `${index % 7 === 0 ? `<h3>Topic ${index}</h3>` : ''}<p>We keep record ${index}. You may ask us to delete it, e.g. by e-mail.</p>`,
        ).join(''),
      ),
    );
    const whole = segmentClauses(extracted.text, extracted.headings);
    const time = fakeTime();
    const segmentation = startSegmentation(extracted.text, extracted.headings);
    expect(() => segmentation.result()).toThrow(/still running/);
    await runInSlices((shouldYield) => {
      time.advance(20);
      return segmentation.step(shouldYield);
    }, createSlicer(time.env));
    expect(time.pauses()).toBeGreaterThan(2);
    expect(segmentation.result()).toEqual(whole);
    expect(whole.length).toBe(160);
  });
});

describe('bounds and notice', () => {
  it('capItems keeps the first items and says whether it dropped any', () => {
    expect(capItems([1, 2, 3], 2)).toEqual({ kept: [1, 2], dropped: true });
    expect(capItems([1, 2], 2)).toEqual({ kept: [1, 2], dropped: false });
  });

  it('largePageNotice names the number of clauses analysed and fits the report', () => {
    const notice = largePageNotice(5000);
    expect(notice).toBe('This page is very large: Fineprint analysed the first 5,000 clauses.');
    expect(notice.length).toBeLessThanOrEqual(500);
  });

  it('textFingerprint tells texts apart and is stable', () => {
    expect(textFingerprint('We keep your data.')).toBe(textFingerprint('We keep your data.'));
    expect(textFingerprint('We keep your data.')).not.toBe(textFingerprint('We keep your date.'));
    expect(textFingerprint('ab')).not.toBe(textFingerprint('ba'));
  });
});
