// Precision, recall and document-type accuracy of `detectFromUrl` on the labelled URL set in
// data/urls/ (see its README): the dev half was used while writing the detector, the held-out half
// was written before the first evaluation and is reported separately.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFromUrl } from '../lib/analysis/detect';

interface Labelled {
  url: string;
  isPolicy: boolean;
  documentType: string | null;
}

const directory = join(import.meta.dirname, '..', 'data', 'urls');
const verbose = process.argv.includes('--verbose');

function load(split: string): Labelled[] {
  const policies = readFileSync(join(directory, `policies-${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Labelled);
  const others = readFileSync(join(directory, `non-policies-${split}.txt`), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((url) => ({ url, isPolicy: false, documentType: null }));
  return [...policies, ...others];
}

const splits = process.argv.includes('--heldout') ? ['dev', 'heldout'] : ['dev'];
for (const split of splits) {
  const rows = load(split);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let typed = 0;
  let typeRight = 0;
  for (const row of rows) {
    const detection = detectFromUrl(row.url);
    if (detection.isPolicy && row.isPolicy) {
      truePositives += 1;
    } else if (detection.isPolicy) {
      falsePositives += 1;
      if (verbose) console.error(`FP ${row.url} -> ${detection.documentType}`);
    } else if (row.isPolicy) {
      falseNegatives += 1;
      if (verbose) console.error(`FN ${row.url} (${row.documentType})`);
    }
    if (row.isPolicy && row.documentType !== 'other-policy') {
      typed += 1;
      if (detection.documentType === row.documentType) typeRight += 1;
      else if (verbose && detection.isPolicy)
        console.error(`TYPE ${row.url} ${row.documentType} -> ${detection.documentType}`);
    }
  }
  const positives = rows.filter((row) => row.isPolicy).length;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  console.log(
    JSON.stringify({
      split,
      urls: rows.length,
      policies: positives,
      nonPolicies: rows.length - positives,
      precision: round(truePositives / Math.max(1, truePositives + falsePositives)),
      recall: round(truePositives / Math.max(1, truePositives + falseNegatives)),
      // Over policy URLs whose type is one of ours (not 'other-policy'), whether detected or not.
      typeAccuracy: round(typeRight / Math.max(1, typed)),
      typedPolicies: typed,
    }),
  );
}
