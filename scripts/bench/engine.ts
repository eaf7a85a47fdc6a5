// Engine time in Node on the real pages: extraction from the DOM (linkedom), segmentation and
// classification, the three stages the analyzer runs in the page; and how that time grows with
// the size of a policy.
import { parseHTML } from 'linkedom';
import { classifyClauses } from '../../lib/analysis/classifier';
import { clauseContexts } from '../../lib/analysis/context';
import { extractMainText } from '../../lib/analysis/extract';
import { segmentClauses } from '../../lib/analysis/segment';
import { classifierForLanguage } from '../../lib/analysis/terms-classifier';
import type { PolicyPage } from './corpus';
import type { MetricLog } from './report';
import { growthExponent, linearFit, median, sample } from './stats';

export interface StageTimes {
  extract: number;
  segment: number;
  classify: number;
  total: number;
}

export interface EngineResult extends StageTimes {
  /** UTF-8 bytes of the extracted text. */
  textBytes: number;
  clauses: number;
}

export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

type ClassifyClauses = typeof classifyClauses;

/** One pass of the three stages over an already parsed document. */
export function runStages(
  doc: Document,
  classify: ClassifyClauses = classifyClauses,
): StageTimes & { textBytes: number; clauses: number } {
  const started = performance.now();
  const extracted = extractMainText(doc);
  const extractedAt = performance.now();
  const segments = segmentClauses(extracted.text, extracted.headings);
  const segmentedAt = performance.now();
  // As on a page: each clause with its context (heading, clause before, list's opening sentence).
  if (segments.length > 0) {
    classify(
      segments.map((segment) => segment.text),
      clauseContexts(segments),
    );
  }
  const classifiedAt = performance.now();
  return {
    extract: extractedAt - started,
    segment: segmentedAt - extractedAt,
    classify: classifiedAt - segmentedAt,
    total: classifiedAt - started,
    textBytes: Buffer.byteLength(extracted.text, 'utf8'),
    clauses: segments.length,
  };
}

/** Median of each stage over `runs` passes (after one unrecorded warm-up pass). */
export async function measureEngine(
  doc: Document,
  runs: number,
  warmup = 1,
  classify: ClassifyClauses = classifyClauses,
): Promise<EngineResult> {
  const passes: ReturnType<typeof runStages>[] = [];
  await sample(
    runs,
    () => {
      const pass = runStages(doc, classify);
      passes.push(pass);
      return pass.total;
    },
    warmup,
  );
  const recorded = passes.slice(warmup);
  const stage = (key: keyof StageTimes) => median(recorded.map((pass) => pass[key]));
  return {
    extract: stage('extract'),
    segment: stage('segment'),
    classify: stage('classify'),
    total: stage('total'),
    textBytes: recorded[0]!.textBytes,
    clauses: recorded[0]!.clauses,
  };
}

const MB = 1_000_000;

/**
 * The engine on a policy in German, read by the German terms model (words and character n-grams,
 * so more features a clause than the English model reads): its classification time per 1,000
 * clauses beside the English model's on the largest page.
 */
export async function benchTermsModelPage(
  log: MetricLog,
  html: string,
  id: string,
  runs: number,
): Promise<void> {
  const doc = parseDocument(html);
  const classifyGerman = classifierForLanguage('de');
  // The model loads on the first classification, as the English one in benchEnginePages.
  runStages(doc, classifyGerman);
  const result = await measureEngine(doc, runs, 1, classifyGerman);
  log.add(
    `engine.terms_page.${id}.total_ms`,
    result.total,
    'ms',
    `Node engine with the German terms model (extract ${result.extract.toFixed(1)} + segment ${result.segment.toFixed(1)} + classify ${result.classify.toFixed(1)} ms), ${(result.textBytes / 1000).toFixed(0)} KB text, ${result.clauses} clauses`,
  );
  log.add(
    'engine.terms_page.classify_ms_per_1000_clauses',
    (result.classify / result.clauses) * 1000,
    'ms',
    `classification per 1,000 clauses by the German terms model on ${id}`,
  );
}

export interface PageEngineRow extends EngineResult {
  id: string;
}

export async function benchEnginePages(
  log: MetricLog,
  pages: readonly PolicyPage[],
  runs: number,
): Promise<PageEngineRow[]> {
  // The model loads on the first classification; that one-off cost is not a page's.
  classifyClauses(['We may share your personal data with our partners.']);
  const rows: PageEngineRow[] = [];
  for (const page of pages) {
    const result = await measureEngine(parseDocument(page.html), runs);
    rows.push({ id: page.id, ...result });
  }
  const analysed = rows.filter((row) => row.clauses > 0);
  for (const row of rows) {
    log.add(
      `engine.page.${row.id}.total_ms`,
      row.total,
      'ms',
      `Node engine (extract ${row.extract.toFixed(1)} + segment ${row.segment.toFixed(1)} + classify ${row.classify.toFixed(1)} ms), ${(row.textBytes / 1000).toFixed(0)} KB text, ${row.clauses} clauses`,
    );
  }
  const largest = [...analysed].sort((left, right) => right.textBytes - left.textBytes)[0];
  if (largest) {
    log.add(
      'engine.largest_page.total_ms',
      largest.total,
      'ms',
      `Node engine on the largest page by text (${largest.id}, ${(largest.textBytes / 1000).toFixed(0)} KB of text)`,
    );
    log.add(
      'engine.largest_page.clauses',
      largest.clauses,
      'count',
      `clauses segmented on ${largest.id}`,
    );
    log.add(
      'engine.largest_page.text_bytes',
      largest.textBytes,
      'B',
      `UTF-8 bytes of the text extracted from ${largest.id}`,
    );
    for (const stage of ['extract', 'segment', 'classify'] as const) {
      log.add(
        `engine.largest_page.${stage}_ms`,
        largest[stage],
        'ms',
        `${stage} stage on ${largest.id}`,
      );
    }
  }
  const textBytes = analysed.reduce((sum, row) => sum + row.textBytes, 0);
  const totalMs = analysed.reduce((sum, row) => sum + row.total, 0);
  log.add(
    'engine.throughput_mb_per_s',
    textBytes / MB / (totalMs / 1000),
    'MB/s',
    `page text analysed per second over the ${analysed.length} pages with text (extract + segment + classify)`,
  );
  const empty = rows.filter((row) => row.clauses === 0).map((row) => row.id);
  if (empty.length > 0) {
    log.note(
      `No text extracted in Node from ${empty.join(', ')} (the page renders its policy with scripts): left out of the throughput.`,
    );
  }
  return rows;
}

/**
 * A synthetic policy of about `targetBytes` of text: the paragraphs and headings of a real policy,
 * repeated in order (each repetition numbered so headings stay distinct) until the size is reached.
 */
export function syntheticPolicyHtml(
  blocks: readonly { heading: boolean; text: string }[],
  targetBytes: number,
): string {
  const parts: string[] = [
    '<!doctype html><html><head><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>',
  ];
  let size = 0;
  let round = 0;
  const escapeHtml = (text: string) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  while (size < targetBytes) {
    round += 1;
    for (const block of blocks) {
      if (size >= targetBytes) break;
      const text = block.heading ? `${round}. ${block.text}` : block.text;
      parts.push(block.heading ? `<h2>${escapeHtml(text)}</h2>` : `<p>${escapeHtml(text)}</p>`);
      size += Buffer.byteLength(text, 'utf8') + 1;
    }
  }
  parts.push('</main></body></html>');
  return parts.join('\n');
}

/** Paragraphs and headings of a page's extracted text, to repeat into synthetic policies. */
export function policyBlocks(page: PolicyPage): { heading: boolean; text: string }[] {
  const extracted = extractMainText(parseDocument(page.html));
  const headingStarts = new Set(extracted.headings.map((heading) => heading.start));
  const blocks: { heading: boolean; text: string }[] = [];
  let offset = 0;
  for (const line of extracted.text.split('\n')) {
    const text = line.trim();
    if (text !== '') blocks.push({ heading: headingStarts.has(offset), text });
    offset += line.length + 1;
  }
  return blocks;
}

export const SCALE_SIZES = [10_000, 100_000, 1_000_000, 10_000_000] as const;

export async function benchScale(log: MetricLog, source: PolicyPage): Promise<void> {
  const blocks = policyBlocks(source);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const size of SCALE_SIZES) {
    const doc = parseDocument(syntheticPolicyHtml(blocks, size));
    // Fewer passes where one pass takes seconds: the spread there is small relative to the time.
    const runs = size >= 10_000_000 ? 1 : size >= 1_000_000 ? 3 : 5;
    const result = await measureEngine(doc, runs, size >= 10_000_000 ? 0 : 1);
    const label = size >= MB ? `${size / MB}mb` : `${size / 1000}kb`;
    log.add(
      `scale.${label}.total_ms`,
      result.total,
      'ms',
      `engine on a ${label.toUpperCase()} synthetic policy (${(result.textBytes / 1000).toFixed(0)} KB text, ${result.clauses} clauses): extract ${result.extract.toFixed(0)} + segment ${result.segment.toFixed(0)} + classify ${result.classify.toFixed(0)} ms`,
    );
    xs.push(result.textBytes / MB);
    ys.push(result.total);
  }
  const fit = linearFit(xs, ys);
  log.add(
    'scale.slope_ms_per_mb',
    fit.slope,
    'ms/MB',
    'least-squares slope of engine time over text size',
  );
  log.add('scale.r2', fit.r2, 'ratio', 'R² of the straight-line fit (1 = exactly linear)');
  log.add(
    'scale.growth_exponent',
    growthExponent(xs, ys),
    'ratio',
    'k in time ∝ size^k fitted on log-log over the four sizes (1 = linear, 2 = quadratic)',
  );
  log.note(
    `Scale: synthetic policies repeat the paragraphs and headings of ${source.id} (numbered on each repetition) up to each size.`,
  );
}
