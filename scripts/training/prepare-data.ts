// Copies the public labelled data this classifier learns from into data/training/, so training
// and evaluation run from the repository alone. Run once when the shared corpus changes:
//   npx tsx scripts/training/prepare-data.ts [corpusDir]
// The reviewed ToS;DR case map (data/training/tosdr-case-map.json) decides which points are kept.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MODEL_LANGUAGES } from '../../lib/analysis/language';
import { TRAINING_DIR, tosdrCaseMapSchema } from './dataset';

const corpus = process.argv[2] ?? '/work/shared/corpus';

const claudetteLine = z.object({ text: z.string(), tags: z.array(z.string()) });
let claudetteSentences = 0;
// The CLAUDETTE corpus's languages are the ones we have a model for.
for (const language of MODEL_LANGUAGES) {
  const claudetteDir = join(corpus, 'claudette', language);
  const claudetteRows: string[] = [];
  for (const file of readdirSync(claudetteDir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    const service = file.replace(/\.jsonl$/, '');
    for (const line of readFileSync(join(claudetteDir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const { text, tags } = claudetteLine.parse(JSON.parse(line));
      claudetteRows.push(JSON.stringify({ service, text, tags }));
    }
  }
  writeFileSync(join(TRAINING_DIR, `claudette-${language}.jsonl`), `${claudetteRows.join('\n')}\n`);
  claudetteSentences += claudetteRows.length;
}

const caseMap = tosdrCaseMapSchema.parse(
  JSON.parse(readFileSync(join(TRAINING_DIR, 'tosdr-case-map.json'), 'utf8')),
);
const pointLine = z.object({
  service: z.string(),
  case: z.string().nullable(),
  quote: z.string(),
  documentName: z.string().nullable().optional(),
});
const pointRows: string[] = [];
for (const line of readFileSync(join(corpus, 'tosdr', 'points.jsonl'), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const point = pointLine.parse(JSON.parse(line));
  if (point.case === null || !(point.case in caseMap.cases)) continue;
  // Quotes keep stray markup from the ToS;DR site; the text is what a reader sees.
  const quote = point.quote
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  if (quote.length < 15) continue;
  pointRows.push(
    JSON.stringify({
      service: point.service,
      case: point.case,
      documentName: point.documentName ?? null,
      quote,
    }),
  );
}
writeFileSync(join(TRAINING_DIR, 'tosdr-points.jsonl'), `${pointRows.join('\n')}\n`);
console.error(`claudette: ${claudetteSentences} sentences, tosdr: ${pointRows.length} points`);
