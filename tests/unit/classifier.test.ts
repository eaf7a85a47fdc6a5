import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classifyClause, classifyClauses, createClassifier } from '../../lib/analysis/classifier';
import {
  clauseFeatures,
  DEFAULT_FEATURE_OPTIONS,
  hashFeature,
  tokenize,
} from '../../lib/analysis/features';
import bundledModel from '../../lib/analysis/model.json';
import { CATEGORY_IDS, SEVERITIES } from '../../lib/taxonomy';

const SAMPLES = [
  'Any dispute arising out of these terms will be resolved by binding arbitration, and you waive your right to participate in a class action.',
  'We may use the conversations you have with our assistant to train and improve our AI models.',
  'These terms are governed by the laws of the State of California.',
  'We use cookies and similar tracking technologies to analyse traffic.',
  'Thank you for reading.',
  '',
  '#### ???? 12345 ////',
];

describe('clause classifier', () => {
  it('returns only taxonomy ids, in taxonomy order, with severity null iff no category', () => {
    for (const label of classifyClauses(SAMPLES)) {
      for (const category of label.categories) expect(CATEGORY_IDS).toContain(category);
      const positions = label.categories.map((category) => CATEGORY_IDS.indexOf(category));
      expect(positions).toEqual([...positions].sort((left, right) => left - right));
      if (label.categories.length === 0) expect(label.severity).toBeNull();
      else expect(SEVERITIES).toContain(label.severity);
    }
  });

  it('is deterministic and agrees between single and batch calls', () => {
    const batch = classifyClauses(SAMPLES);
    expect(classifyClauses(SAMPLES)).toEqual(batch);
    expect(SAMPLES.map((text) => classifyClause(text))).toEqual(batch);
    expect(createClassifier(bundledModel).classifyClauses(SAMPLES)).toEqual(batch);
  });

  it('finds nothing in empty or garbage input', () => {
    expect(classifyClause('')).toEqual({ categories: [], severity: null });
    expect(classifyClause('   \n\t ')).toEqual({ categories: [], severity: null });
    expect(classifyClause('#### ???? //// ....')).toEqual({ categories: [], severity: null });
    expect(() => classifyClause('x'.repeat(200_000))).not.toThrow();
  });

  it('recognises an obvious arbitration clause', () => {
    expect(classifyClause(SAMPLES[0]!).categories).toContain('arbitration');
  });

  it('recognises an obvious AI training clause', () => {
    expect(classifyClause(SAMPLES[1]!).categories).toContain('ai-training');
  });

  it('gives no category to a neutral sentence', () => {
    expect(classifyClause('Thank you for reading.').categories).toEqual([]);
  });

  it('rejects a model that does not match the schema', () => {
    expect(() => createClassifier({})).toThrow();
    expect(() =>
      createClassifier({
        ...bundledModel,
        features: { ...bundledModel.features, hashBits: 'twenty' },
      }),
    ).toThrow();
    expect(() => createClassifier({ ...bundledModel, version: 1 })).toThrow();
    const badCategory = structuredClone(bundledModel) as { heads: { category: string }[] };
    badCategory.heads[0]!.category = 'not-a-category';
    expect(() => createClassifier(badCategory)).toThrow();
  });
});

describe('clause features', () => {
  it('hashes word uni- and bigrams exactly as the joined feature strings (the model ids)', () => {
    const text = 'We may use your Inputs, Outputs and feedback to train our models.';
    const tokens = tokenize(text);
    const { hashBits } = DEFAULT_FEATURE_OPTIONS;
    const expected = new Set<number>();
    let previous = '<s>';
    for (const token of tokens) {
      expected.add(hashFeature(token, hashBits));
      expected.add(hashFeature(`${previous} ${token}`, hashBits));
      previous = token;
    }
    expected.add(hashFeature(`${previous} </s>`, hashBits));
    const { ids } = clauseFeatures(text, { ...DEFAULT_FEATURE_OPTIONS, charWeight: 0 });
    expect(new Set(ids)).toEqual(expected);
  });
});

describe('cli classify', () => {
  const cli = (input: string) =>
    spawnSync('npx', ['tsx', 'scripts/cli.ts', 'classify'], { input, encoding: 'utf8' });

  it('answers one JSON line per input line, in order', () => {
    const input = `${SAMPLES.slice(0, 5)
      .map((text) => JSON.stringify({ text }))
      .join('\n')}\n`;
    const output = execFileSync('npx', ['tsx', 'scripts/cli.ts', 'classify'], {
      input,
      encoding: 'utf8',
    });
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual(classifyClauses(SAMPLES.slice(0, 5)));
  }, 30_000);

  it('exits 1 naming the line when a line has no string text', () => {
    const result = cli(`${JSON.stringify({ text: 'fine' })}\n${JSON.stringify({ txt: 'x' })}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/line 2/);
  }, 30_000);
});
