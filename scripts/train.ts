// `npm run train`: fits the clause classifier on all labelled data in data/training/ and writes
// lib/analysis/model.json. Deterministic (seeded); `npm run eval` measures the same procedure.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { clauseModelSchema } from '../lib/analysis/classifier';
import { loadAll } from './training/dataset';
import { trainClauseModel } from './training/pipeline';

const started = performance.now();
const rows = loadAll();
const model = clauseModelSchema.parse(trainClauseModel(rows));
const json = JSON.stringify(model);
const target = join(dirname(fileURLToPath(import.meta.url)), '../lib/analysis/model.json');
writeFileSync(target, `${json}\n`);
const weights = model.heads.reduce((sum, head) => sum + head.ids.length, 0);
console.error(
  `trained on ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `${weights} category weights; model ${(json.length / 1024).toFixed(0)} KiB, ` +
    `${(gzipSync(json).length / 1024).toFixed(0)} KiB gzipped`,
);
