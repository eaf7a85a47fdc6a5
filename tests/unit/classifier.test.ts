import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addedByRule,
  type ClauseModel,
  classifyClause,
  classifyClauses,
  createClassifier,
  withSellingFloor,
} from '../../lib/analysis/classifier';
import {
  categoryFeatureId,
  clauseFeatures,
  DEFAULT_FEATURE_OPTIONS,
  hashFeature,
  tokenize,
} from '../../lib/analysis/features';
import bundledModel from '../../lib/analysis/model.json';
import type { ClauseLabel } from '../../lib/analysis/types';
import { CATEGORY_IDS, type CategoryId, SEVERITIES } from '../../lib/taxonomy';

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

  it('is deterministic and agrees between single and batch calls where no clause has neighbours', () => {
    // Each sample under a heading of its own: no clause has a neighbour in its section.
    const contexts = SAMPLES.map((_, index) => ({ heading: `Part ${index + 1}` }));
    const batch = classifyClauses(SAMPLES, contexts);
    expect(classifyClauses(SAMPLES, contexts)).toEqual(batch);
    expect(SAMPLES.map((text, index) => classifyClause(text, contexts[index]))).toEqual(batch);
    expect(createClassifier(bundledModel).classifyClauses(SAMPLES, contexts)).toEqual(batch);
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

  it("rates selling the reader's data at least medium, and a promise not to sell as the model does", () => {
    for (const text of [
      'We sell your personal data to third parties.',
      'We sell your personal information to data brokers.',
    ]) {
      const label = classifyClause(text);
      expect(label.categories, text).toContain('data-sharing');
      expect(['medium', 'high'], text).toContain(label.severity);
    }
    expect(withSellingFloor('We sell your personal data.', ['data-sharing'], 'info')).toBe(
      'medium',
    );
    expect(withSellingFloor('We sell your personal data.', ['data-sharing'], 'high')).toBe('high');
    expect(withSellingFloor('We sell your personal data.', ['tracking'], 'info')).toBe('info');
    expect(withSellingFloor('We do not sell your data.', ['data-sharing'], 'info')).toBe('info');
  });

  it('counts a waiver of a jury trial or a class action as arbitration, as the taxonomy does', () => {
    for (const text of [
      'You waive your right to participate in a class action lawsuit.',
      'YOU AND WE UNCONDITIONALLY WAIVE ANY RIGHT TO TRIAL BY JURY IN ANY ACTION OR PROCEEDING.',
      'Claims may be brought only on an individual basis.',
    ]) {
      const label = classifyClause(text);
      expect(label.categories, text).toContain('arbitration');
      expect(label.severity, text).not.toBeNull();
    }
    // A heading stays unlabelled, as for every head that skips headings.
    expect(classifyClause('Class Action Waiver').categories).not.toContain('arbitration');
    expect(addedByRule('arbitration', 'We waive the fee for students.')).toBe(false);
    expect(addedByRule('liability', 'You waive any right to a jury trial.')).toBe(false);
  });

  it("gives a rule's label a margin that keeps it at any threshold, as the label itself", () => {
    // The arbitration head out of reach: only the rule can label a clause with it.
    const unreachable = structuredClone(bundledModel) as ClauseModel;
    for (const head of unreachable.heads) if (head.category === 'arbitration') head.threshold = 1e6;
    const classifier = createClassifier(unreachable);
    const page = [
      'You waive your right to participate in a class action lawsuit.',
      'Any dispute will be resolved by binding arbitration in San Francisco.',
    ];
    const arbitration = CATEGORY_IDS.indexOf('arbitration');
    const margins = classifier.headMargins(page);
    const labels = classifier.classifyClauses(page);
    expect(labels[0]!.categories).toContain('arbitration');
    expect(margins[0]![arbitration]).toBeGreaterThan(1e6);
    expect(labels[1]!.categories).not.toContain('arbitration');
    expect(margins[1]![arbitration]).toBeLessThan(0);
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
    for (const [field, value] of [
      ['ids', -1],
      ['ids', 1.5],
      ['weights', 0.5],
      ['weights', '3'],
      ['weights', null],
    ] as const) {
      const badWeight = structuredClone(bundledModel) as unknown as {
        heads: Record<string, unknown[]>[];
      };
      badWeight.heads[0]![field]![3] = value;
      expect(() => createClassifier(badWeight), `${field} holding ${value}`).toThrow();
    }
    const notAList = structuredClone(bundledModel) as unknown as { heads: { ids: unknown }[] };
    notAList.heads[0]!.ids = '1,2,3';
    expect(() => createClassifier(notAList)).toThrow(/non-negative integers/);
  });
});

// The heading test as first written (scripts/training, 2026-11-23), splitting the text into words.
function referenceHeading(text: string): boolean {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).length;
  if (words > 10 || /^\p{Ll}/u.test(trimmed)) return false;
  return !(words <= 4 ? /[,;]$/ : /[.;:,!?]$/).test(trimmed);
}

/** The reader as the subject of "may/can… terminate/close…", found word by word. */
function referenceReaderEnding(text: string): boolean {
  const words = text
    .slice(0, 300)
    .trim()
    .split(/\s+/)
    .map((word) => word.toLowerCase());
  const modals = [['may'], ['can'], ['could'], ['might'], ['are', 'free', 'to']];
  const endings = [
    'terminate',
    'close',
    'cancel',
    'delete',
    'deactivate',
    'end',
    'discontinue',
    'stop',
  ];
  for (let subject = 0; subject <= 6 && subject < words.length; subject += 1) {
    if (!['you', 'user', 'users'].includes(words[subject]!.replace(/^\W+/, ''))) continue;
    for (const modal of [...modals, ['have', 'the', 'right', 'to'], ['are', 'entitled', 'to']]) {
      if (modal.some((word, offset) => words[subject + 1 + offset] !== word)) continue;
      const verbAt = subject + 1 + modal.length;
      for (let gap = 0; gap <= 2; gap += 1) {
        const skipped = words.slice(verbAt, verbAt + gap);
        if (skipped.some((word) => ['not', 'never'].includes(word))) break;
        const verb = words[verbAt + gap]?.match(/^[a-z]+/)?.[0];
        if (verb && endings.includes(verb)) return true;
      }
    }
  }
  return false;
}

/**
 * The scoring as it was before the sparse weight table (2026-11): per head, the bias plus each of
 * the clause's features in order, weights rounded to float32; severity heads then add the
 * categories found.
 */
function referenceScorer(model: ClauseModel): {
  score: (text: string) => number[] | null;
  label: (text: string, scores: number[] | null) => ClauseLabel;
} {
  const heads = [...model.heads].sort(
    (left, right) => CATEGORY_IDS.indexOf(left.category) - CATEGORY_IDS.indexOf(right.category),
  );
  const table = (list: ClauseModel['severity']['heads']) => {
    const rows = new Map<number, Float32Array>();
    list.forEach((head, headIndex) => {
      let id = 0;
      head.ids.forEach((gap, index) => {
        id += gap;
        const row = rows.get(id) ?? new Float32Array(list.length);
        row[headIndex] = head.weights[index]! * head.scale;
        rows.set(id, row);
      });
    });
    return (ids: number[], values: number[]) => {
      const scores = list.map((head) => head.bias);
      ids.forEach((id, index) => {
        const row = rows.get(id);
        if (!row) return;
        row.forEach((weight, head) => {
          scores[head]! += weight * values[index]!;
        });
      });
      return scores;
    };
  };
  const categoryScores = table(heads);
  const severityScores = table(model.severity.heads);
  const score = (text: string) => {
    const { ids, values } = clauseFeatures(text, model.features);
    return ids.length === 0 ? null : categoryScores(ids, values);
  };
  const label = (text: string, scores: number[] | null): ClauseLabel => {
    if (scores === null) return { categories: [], severity: null };
    const { ids, values } = clauseFeatures(text, model.features);
    const categories = heads
      .filter(
        (head, index) =>
          (scores[index]! >= head.threshold || addedByRule(head.category, text)) &&
          !(head.skipsHeadings && referenceHeading(text)) &&
          !(head.skipsReaderEnding && referenceReaderEnding(text)),
      )
      .map((head) => head.category);
    if (categories.length === 0) return { categories, severity: null };
    const own = model.severity.negatedWordsReplace
      ? clauseFeatures(text, { ...model.features, negatedWordsReplace: true })
      : { ids, values };
    const severity = severityScores(
      [
        ...own.ids,
        ...categories.map((category) => categoryFeatureId(category, model.features.hashBits)),
      ],
      [...own.values, ...categories.map(() => 1)],
    );
    let best = 0;
    severity.forEach((value, index) => {
      if (value > severity[best]!) best = index;
    });
    return {
      categories,
      severity: withSellingFloor(text, categories, model.severity.levels[best] ?? null),
    };
  };
  return { score, label };
}

function referenceClassifier(model: ClauseModel): (text: string) => ClauseLabel {
  const { score, label } = referenceScorer(model);
  return (text) => label(text, score(text));
}

/**
 * A page's clauses without headings, each head's score mixed with the best of the clauses up to
 * `neighbourReach` away that are not heading-shaped, as the neighbour rule was first written.
 */
function referenceBatchClassifier(model: ClauseModel): (texts: string[]) => ClauseLabel[] {
  const { score, label } = referenceScorer(model);
  const heads = [...model.heads].sort(
    (left, right) => CATEGORY_IDS.indexOf(left.category) - CATEGORY_IDS.indexOf(right.category),
  );
  return (texts) => {
    const own = texts.map(score);
    const kept = texts.flatMap((_, index) => (own[index] ? [index] : []));
    return texts.map((text, index) => {
      const scores = own[index];
      if (!scores) return label(text, null);
      const position = kept.indexOf(index);
      const near = kept.filter(
        (other, otherPosition) =>
          otherPosition !== position &&
          Math.abs(otherPosition - position) <= model.neighbourReach &&
          !referenceHeading(texts[other]!),
      );
      if (near.length === 0) return label(text, scores);
      const mixed = scores.map((value, head) => {
        const weight = heads[head]!.neighbourWeight;
        const best = Math.max(...near.map((other) => own[other]![head]!));
        return (1 - weight) * value + weight * best;
      });
      return label(text, mixed);
    });
  };
}

describe('clause scoring', () => {
  const model = bundledModel as ClauseModel;
  /** The bundled model reading neighbours two clauses away, each head with `weightOf(its index)`. */
  const mixingModel = (weightOf: (index: number) => number): ClauseModel => {
    const mixing = structuredClone(model) as ClauseModel;
    mixing.neighbourReach = 2;
    mixing.heads.forEach((head, index) => {
      head.neighbourWeight = weightOf(index);
    });
    return mixing;
  };
  const texts = readFileSync('data/training/claudette-en.jsonl', 'utf8')
    .split('\n')
    .filter((line, index) => line.trim() && index % 10 === 0)
    .map((line) => (JSON.parse(line) as { text: string }).text);

  it('labels as the dense per-head scoring did', () => {
    const reference = referenceClassifier(model);
    const classifier = createClassifier(model);
    const labels = texts.map((text) => classifier.classifyClause(text));
    expect(labels.filter((label) => label.severity !== null).length).toBeGreaterThan(50);
    expect(labels).toEqual(texts.map(reference));
  });

  it("mixes the best neighbour's score into each clause's, per head, in batch calls only", () => {
    const mixing = mixingModel((index) => [0, 0.2, 0.4][index % 3]!);
    const page = texts.slice(0, 300);
    const classifier = createClassifier(mixing);
    const labels = classifier.classifyClauses(page);
    expect(labels).toEqual(referenceBatchClassifier(mixing)(page));
    const alone = page.map((text) => classifier.classifyClause(text));
    expect(labels).not.toEqual(alone);
    // Without reach, or without weights, a batch is its clauses one by one.
    const noReach = structuredClone(mixing) as ClauseModel;
    noReach.neighbourReach = 0;
    expect(createClassifier(noReach).classifyClauses(page)).toEqual(alone);
    const noWeights = structuredClone(mixing) as ClauseModel;
    for (const head of noWeights.heads) head.neighbourWeight = 0;
    expect(createClassifier(noWeights).classifyClauses(page)).toEqual(alone);
  });

  it('labels a range of a page as the whole page labels it, neighbours outside the range included', () => {
    const mixing = mixingModel(() => 0.4);
    const classifier = createClassifier(mixing);
    const page = texts.slice(0, 120);
    const whole = classifier.classifyClauses(page);
    const sliced = [0, 7, 8, 50, 51, 119].flatMap((start, index, starts) =>
      classifier.classifyRange(page, undefined, start, starts[index + 1] ?? page.length),
    );
    expect(sliced).toEqual(whole);
    // Cut off from the page, a range's edge clauses lose their outside neighbours.
    const cutOff = [0, 7, 8, 50, 51, 119].flatMap((start, index, starts) =>
      classifier.classifyClauses(page.slice(start, starts[index + 1] ?? page.length)),
    );
    expect(cutOff).not.toEqual(whole);
  });

  it("takes no neighbour across a heading, and each head's margin is its mixed score's", () => {
    const mixing = mixingModel(() => 0.4);
    const classifier = createClassifier(mixing);
    const page = texts.slice(0, 40);
    // Every clause under a heading of its own: as if each were alone.
    const apart = page.map((_, index) => ({ heading: `Section ${index}` }));
    expect(classifier.classifyClauses(page, apart)).toEqual(
      page.map((text, index) => classifier.classifyClause(text, apart[index])),
    );
    const labels = classifier.classifyClauses(page);
    const margins = classifier.headMargins(page);
    const heads = [...mixing.heads].sort(
      (left, right) => CATEGORY_IDS.indexOf(left.category) - CATEGORY_IDS.indexOf(right.category),
    );
    labels.forEach((label, index) => {
      const fromMargins = heads
        .filter((_, head) => margins[index]![head]! >= 0)
        .map((head) => head.category);
      expect(label.categories).toEqual(fromMargins);
    });
  });

  it('scores severity over its own featurisation when negated words replace plain ones', () => {
    // The same weights read both ways (the bundled model may have either setting).
    const replacing = structuredClone(model) as ClauseModel;
    replacing.severity.negatedWordsReplace = true;
    const plain = structuredClone(model) as ClauseModel;
    plain.severity.negatedWordsReplace = false;
    const alone = (classifier: ReturnType<typeof createClassifier>) =>
      texts.map((text) => classifier.classifyClause(text));
    const labels = alone(createClassifier(replacing));
    const plainLabels = alone(createClassifier(plain));
    expect(labels).toEqual(texts.map(referenceClassifier(replacing)));
    expect(plainLabels).toEqual(texts.map(referenceClassifier(plain)));
    expect(labels.map((label) => label.categories)).toEqual(
      plainLabels.map((label) => label.categories),
    );
    expect(labels).not.toEqual(plainLabels);
  });

  it('takes the last weight of an id a head lists twice, and heads in any order', () => {
    const odd = structuredClone(model) as ClauseModel;
    odd.heads.reverse();
    const { hashBits } = model.features;
    const common = ['the', 'you', 'to', 'of', 'and'].map((word) => hashFeature(word, hashBits));
    // Each head lists the commonest words twice (a gap of 0): first with a weight that would flip
    // its decisions, then with the weight that counts.
    for (const head of [...odd.heads, ...odd.severity.heads]) {
      let id = 0;
      const entries = head.ids.map((gap, index) => {
        id += gap;
        return { id, weight: head.weights[index]!, decoy: false };
      });
      for (const word of common) {
        const listed = entries.find((entry) => entry.id === word);
        if (!listed) entries.push({ id: word, weight: 0, decoy: false });
        entries.push({ id: word, weight: (listed?.weight ?? 0) - 5_000, decoy: true });
      }
      entries.sort((left, right) => left.id - right.id || Number(right.decoy) - Number(left.decoy));
      let previous = 0;
      head.ids = entries.map((entry) => {
        const gap = entry.id - previous;
        previous = entry.id;
        return gap;
      });
      head.weights = entries.map((entry) => entry.weight);
    }
    const reference = referenceClassifier(odd);
    const oddClassifier = createClassifier(odd);
    const labels = texts.map((text) => oddClassifier.classifyClause(text));
    expect(labels).toEqual(texts.map(reference));
    const classifier = createClassifier(model);
    expect(labels).toEqual(texts.map((text) => classifier.classifyClause(text)));
  });
});

/** The bundled model with one head, for `category`, that fires on `word` wherever it appears. */
function oneWordModel(
  category: CategoryId,
  word: string,
  skips: { skipsHeadings: boolean; skipsReaderEnding: boolean },
): ClauseModel {
  const model = structuredClone(bundledModel) as ClauseModel;
  const id = hashFeature(word, model.features.hashBits);
  model.heads = [
    {
      category,
      ids: [id],
      weights: [127],
      scale: 0.1,
      bias: 0,
      threshold: 0.5,
      neighbourWeight: 0,
      ...skips,
    },
  ];
  return model;
}

const categoriesOf = (model: ClauseModel, text: string) =>
  createClassifier(model).classifyClause(text).categories;

describe('heads that skip headings', () => {
  const lawModel = (skipsHeadings: boolean): ClauseModel =>
    oneWordModel('governing-law', 'law', { skipsHeadings, skipsReaderEnding: false });

  it('leave heading-shaped clauses unlabelled and label the sentences', () => {
    const model = lawModel(true);
    for (const heading of ['Governing law', 'GOVERNING LAW', '  14. Choice of Law.  ']) {
      expect(categoriesOf(model, heading), heading).toEqual([]);
    }
    for (const clause of [
      'These terms are governed by Irish law.',
      'the law of your country of residence,',
      'Any claim will be heard under the law of the State of New York only',
    ]) {
      expect(categoriesOf(model, clause), clause).toEqual(['governing-law']);
    }
  });

  it('are the only ones that do', () => {
    expect(categoriesOf(lawModel(false), 'Governing law')).toEqual(['governing-law']);
    const { skipsHeadings: _, ...older } = lawModel(false).heads[0]!;
    expect(
      categoriesOf({ ...lawModel(false), heads: [older] } as ClauseModel, 'Governing law'),
    ).toEqual(['governing-law']);
  });
});

describe("a termination head that skips the reader's right to end the contract", () => {
  const terminationModel = (skipsReaderEnding: boolean): ClauseModel =>
    oneWordModel('termination', 'terminate', { skipsHeadings: false, skipsReaderEnding });
  const readers = [
    'You may terminate your account at any time, for any reason.',
    'At any time, users can terminate their subscription.',
  ];
  const providers = [
    'We may terminate your account at any time, for any reason.',
    'You may not terminate this agreement before the end of the term.',
  ];

  it("leaves the reader's right alone and labels the provider's power", () => {
    const model = terminationModel(true);
    for (const text of readers) expect(categoriesOf(model, text), text).toEqual([]);
    for (const text of providers) expect(categoriesOf(model, text), text).toEqual(['termination']);
    const reference = referenceClassifier(model);
    for (const text of [...readers, ...providers]) {
      expect(createClassifier(model).classifyClause(text), text).toEqual(reference(text));
    }
  });

  it('labels both without the flag, and in older models without the field', () => {
    const { skipsReaderEnding: _, ...older } = terminationModel(false).heads[0]!;
    for (const model of [terminationModel(false), { ...terminationModel(false), heads: [older] }]) {
      for (const text of readers) {
        expect(categoriesOf(model as ClauseModel, text), text).toEqual(['termination']);
      }
    }
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
    const { ids } = clauseFeatures(text, {
      ...DEFAULT_FEATURE_OPTIONS,
      charWeight: 0,
      prefixLength: 0,
    });
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

  it('exits 1 naming the line when a line has no string text, after answering the lines before it', () => {
    const result = cli(`${JSON.stringify({ text: 'fine' })}\n${JSON.stringify({ txt: 'x' })}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/line 2/);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(classifyClauses(['fine']));
  }, 30_000);
});
