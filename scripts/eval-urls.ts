// Precision, recall and document-type accuracy of URL-level policy detection on the labelled URL
// sets in data/urls/ (see its README). `dev` is used while writing the detector; `heldout` and
// `fresh`, `fresh2`, `fresh3`, `fresh4`, `fresh5`, `fresh6`, `fresh7`, `fresh8`, `fresh9`, `fresh10`, `fresh11`, `fresh12` are reported separately and never tuned on.
//
//   npx tsx scripts/eval-urls.ts [--heldout] [--fresh] [--fresh2] [--fresh3] [--fresh4] [--fresh5] [--fresh6] [--fresh7] [--fresh8] [--fresh9] [--fresh10] [--fresh11] [--fresh12] [--ordinary] [--verbose] [--markdown]
//     [--verbose-subset=<subset>]
//
// `fresh3` is also scored in two halves by registered domain (`half-a`, `half-b`: a site's policies
// and non-policies fall in the same half), so that one half's misses can be studied while the other
// stays unseen. `--verbose` lists the misses of the `all` subset; `--verbose-subset=half-a` lists
// only that subset's.
//
// Two detectors per split: `url` is `detectFromUrl` (words of the address only, what the content
// script runs on every page), `identify` is the CLI's `identify` (the same, plus the bundled
// feed's document addresses).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { getDomain } from 'tldts';
import { detectFromUrl } from '../lib/analysis/detect';
import { mayBePolicyPage } from '../lib/analysis/page-gate';
import { createUrlIdentifier, loadFeedPlatforms } from './cli/identify';

interface Labelled {
  url: string;
  isPolicy: boolean;
  documentType: string | null;
  source?: string;
}

interface Verdict {
  isPolicy: boolean;
  documentType: string | null;
}

const directory = join(import.meta.dirname, '..', 'data', 'urls');
const verbose = process.argv.includes('--verbose');
const verboseSubset = process.argv
  .find((argument) => argument.startsWith('--verbose-subset='))
  ?.slice('--verbose-subset='.length);
const markdown = process.argv.includes('--markdown');

function load(split: string): Labelled[] {
  const policies = readFileSync(join(directory, `policies-${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Labelled);
  const others = readFileSync(join(directory, `non-policies-${split}.txt`), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((url) => ({ url, isPolicy: false, documentType: null, source: 'non-policy' }));
  return [...policies, ...others];
}

interface Scores {
  urls: number;
  policies: number;
  nonPolicies: number;
  precision: number;
  recall: number;
  /** Over policy URLs whose type is one of ours (not `other-policy`), detected or not. */
  typeAccuracy: number;
  typedPolicies: number;
  /** Over all policy URLs, `other-policy` included (it must then be detected as `other-policy`). */
  typeAccuracyAll: number;
}

function score(rows: Labelled[], detect: (url: string) => Verdict, label: string | null): Scores {
  const log = (line: string) => {
    if (label !== null) console.error(`${label} ${line}`);
  };
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let typed = 0;
  let typeRight = 0;
  let typeRightAll = 0;
  for (const row of rows) {
    const verdict = detect(row.url);
    if (verdict.isPolicy && row.isPolicy) {
      truePositives += 1;
    } else if (verdict.isPolicy) {
      falsePositives += 1;
      log(`FP ${row.url} -> ${verdict.documentType}`);
    } else if (row.isPolicy) {
      falseNegatives += 1;
      log(`FN ${row.url} (${row.documentType})`);
    }
    if (!row.isPolicy) continue;
    const right = verdict.isPolicy && verdict.documentType === row.documentType;
    if (right) typeRightAll += 1;
    if (row.documentType !== 'other-policy') {
      typed += 1;
      if (right) typeRight += 1;
    }
    if (!right && verdict.isPolicy) {
      log(`TYPE ${row.url} ${row.documentType} -> ${verdict.documentType}`);
    }
  }
  const positives = rows.filter((row) => row.isPolicy).length;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    urls: rows.length,
    policies: positives,
    nonPolicies: rows.length - positives,
    precision: round(truePositives / Math.max(1, truePositives + falsePositives)),
    recall: round(truePositives / Math.max(1, truePositives + falseNegatives)),
    typeAccuracy: round(typeRight / Math.max(1, typed)),
    typedPolicies: typed,
    typeAccuracyAll: round(typeRightAll / Math.max(1, positives)),
  };
}

/** The half of a split an address falls in, by its registered domain (FNV-1a hash, parity). */
function half(url: string): 'half-a' | 'half-b' {
  const domain = getDomain(url) ?? new URL(url).hostname;
  let hash = 0x811c9dc5;
  for (let index = 0; index < domain.length; index += 1) {
    hash = Math.imul(hash ^ domain.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash % 2 === 0 ? 'half-a' : 'half-b';
}

const identifyUrl = createUrlIdentifier(loadFeedPlatforms());
const detectors: Record<string, (url: string) => Verdict> = {
  url: (url) => detectFromUrl(url),
  identify: identifyUrl,
};

const splits = ['dev'];
for (const split of [
  'heldout',
  'fresh',
  'fresh2',
  'fresh3',
  'fresh4',
  'fresh5',
  'fresh6',
  'fresh7',
  'fresh8',
  'fresh9',
  'fresh10',
  'fresh11',
  'fresh12',
]) {
  if (process.argv.includes(`--${split}`)) splits.push(split);
}

const table: string[] = [
  '| split | detector | subset | URLs | policies | precision | recall | type (ours) | type (all) |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const split of splits) {
  const rows = load(split);
  // Per source of the policy URLs (fresh set: older OTA addresses vs hand-written services),
  // each against all the split's non-policies.
  const sources = [...new Set(rows.filter((row) => row.isPolicy).map((row) => row.source))];
  const subsets: [string, Labelled[]][] = [['all', rows]];
  if (sources.length > 1 || (sources.length === 1 && sources[0] !== undefined)) {
    for (const source of sources) {
      if (source === undefined) continue;
      subsets.push([source, rows.filter((row) => !row.isPolicy || row.source === source)]);
    }
  }
  if (split === 'fresh3') {
    for (const name of ['half-a', 'half-b'] as const) {
      subsets.push([name, rows.filter((row) => half(row.url) === name)]);
    }
  }
  for (const [name, detect] of Object.entries(detectors)) {
    for (const [subset, subsetRows] of subsets) {
      const listed = verboseSubset ? subset === verboseSubset : verbose && subset === 'all';
      const scores = score(subsetRows, detect, listed ? `${split}/${name}/${subset}` : null);
      console.log(JSON.stringify({ split, detector: name, subset, ...scores }));
      table.push(
        `| ${split} | ${name} | ${subset} | ${scores.urls} | ${scores.policies} | ${scores.precision.toFixed(3)} | ${scores.recall.toFixed(3)} | ${scores.typeAccuracy.toFixed(3)} | ${scores.typeAccuracyAll.toFixed(3)} |`,
      );
    }
  }
}
if (markdown) console.log(table.join('\n'));

interface OrdinaryPage {
  url: string;
  title: string;
  language: string;
}

/** A page with this title and nothing else, for the first pass (which also reads headings). */
function titledPage(title: string): Document {
  const { document } = parseHTML(
    '<!doctype html><html><head><title></title></head><body></body></html>',
  );
  document.querySelector('title')!.textContent = title;
  return document as unknown as Document;
}

// Ordinary pages (data/urls/ordinary-pages.jsonl: news, shops, searches, forums… with their titles):
// how many the sentinel's first pass lets through to the detector, which then loads on that page,
// and how many the detector, reading the address and the title, calls a policy.
if (process.argv.includes('--ordinary')) {
  const pages = readFileSync(join(directory, 'ordinary-pages.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as OrdinaryPage);
  for (const subset of ['all', 'half-a', 'half-b'] as const) {
    const rows = pages.filter((page) => subset === 'all' || half(page.url) === subset);
    let passed = 0;
    let falseAlarms = 0;
    for (const page of rows) {
      const firstPass = mayBePolicyPage(titledPage(page.title), page.url);
      if (firstPass) passed += 1;
      const detection = detectFromUrl(page.url, page.title);
      if (detection.isPolicy) falseAlarms += 1;
      if (verbose && subset === 'all' && (firstPass || detection.isPolicy)) {
        console.error(
          `ordinary ${detection.isPolicy ? `FP ${detection.documentType}` : 'PASS'} ${page.url} | ${page.title}`,
        );
      }
    }
    const share = (count: number) => Math.round((count / Math.max(1, rows.length)) * 1000) / 1000;
    console.log(
      JSON.stringify({
        split: 'ordinary',
        subset,
        pages: rows.length,
        firstPassLetsThrough: share(passed),
        falseAlarms: share(falseAlarms),
      }),
    );
  }
}
