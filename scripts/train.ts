// `npm run train`: fits the clause classifier on all labelled data in data/training/ and writes
// lib/analysis/model.json, then the terms model of each other CLAUDETTE language to
// lib/analysis/terms-models/<language>.json. Deterministic (seeded); `npm run eval` measures the
// same procedures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { clauseModelSchema } from '../lib/analysis/classifier';
import { TERMS_MODEL_LANGUAGES } from '../lib/analysis/language';
import { loadAll, loadClaudette, type TrainingRow } from './training/dataset';
import {
  DEFAULT_CONFIG,
  type PipelineConfig,
  TERMS_MODEL_CONFIG,
  trainClauseModel,
} from './training/pipeline';

const analysisDir = join(dirname(fileURLToPath(import.meta.url)), '../lib/analysis');

function trainAndWrite(
  name: string,
  rows: readonly TrainingRow[],
  config: PipelineConfig,
  target: string,
) {
  const started = performance.now();
  const model = clauseModelSchema.parse(trainClauseModel(rows, config));
  const json = JSON.stringify(model);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${json}\n`);
  const weights = model.heads.reduce((sum, head) => sum + head.ids.length, 0);
  console.error(
    `${name}: trained on ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `${weights} category weights; model ${(json.length / 1024).toFixed(0)} KiB, ` +
      `${(gzipSync(json).length / 1024).toFixed(0)} KiB gzipped`,
  );
}

trainAndWrite('model', loadAll(), DEFAULT_CONFIG, join(analysisDir, 'model.json'));
for (const language of TERMS_MODEL_LANGUAGES) {
  trainAndWrite(
    `terms model (${language})`,
    loadClaudette(language),
    TERMS_MODEL_CONFIG,
    join(analysisDir, 'terms-models', `${language}.json`),
  );
}
