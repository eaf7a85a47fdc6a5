import { describe, expect, it } from 'vitest';
import { type ClauseModel, createClassifier } from '../../lib/analysis/classifier';
import { hashFeature } from '../../lib/analysis/features';
import { CLAUDETTE_TAG_TO_CATEGORY } from '../../lib/taxonomy';
import { loadAiLabels, loadClaudette, type TrainingRow } from '../../scripts/training/dataset';
import { scoreExample, trainSoftmax } from '../../scripts/training/linear';
import {
  assignFolds,
  bestThreshold,
  DEFAULT_CONFIG,
  idfFactors,
  smoothedThreshold,
  TERMS_MODEL_CONFIG,
  trainClauseModel,
} from '../../scripts/training/pipeline';

const OPTIONS = { epochs: 20, learningRate: 0.2, l2: 1e-6, seed: 2, minCount: 1 };

/** The categories of the model's heads that carry a skip flag, sorted. */
const flagged = (model: ClauseModel, flag: 'skipsHeadings' | 'skipsReaderEnding') =>
  model.heads
    .filter((head) => head[flag])
    .map((head) => head.category)
    .sort();

describe('training', () => {
  it('lets per-example weights decide between sources that disagree', () => {
    // The same clause graded 0 by one source and 2 by another, many times each.
    const examples = Array.from({ length: 40 }, () => ({ ids: [7, 11], values: [0.7, 0.7] }));
    const targets = examples.map((_, index) => (index % 2 === 0 ? 0 : 2));
    const favour = (grade: number) =>
      trainSoftmax(
        examples,
        targets,
        3,
        OPTIONS,
        targets.map((target) => (target === grade ? 1 : 0.05)),
      );
    const argmax = (scores: Float64Array) => scores.indexOf(Math.max(...scores));
    expect(argmax(scoreExample(favour(0), examples[0]!))).toBe(0);
    expect(argmax(scoreExample(favour(2), examples[0]!))).toBe(2);
  });

  it('never puts one company on both sides of a fold', () => {
    const rows = Array.from(
      { length: 300 },
      (_, index): TrainingRow => ({
        source: index % 3 === 0 ? 'claudette' : 'tosdr',
        group: `company-${index % 37}`,
        text: `clause ${index}`,
        categories: [],
        known: [],
        severity: null,
      }),
    );
    const folds = assignFolds(rows, 5, 1);
    for (const row of rows) expect(folds.get(row.group)).toBeTypeOf('number');
    expect(new Set(folds.values()).size).toBe(5);
  });

  it('reads the held-back own labels with the same schema as the trained ones', () => {
    const heldBack = loadAiLabels('ai-labels-terms-heldback.jsonl');
    expect(heldBack.length).toBeGreaterThan(1000);
    const trained = new Set(loadAiLabels().map((row) => row.text));
    expect(heldBack.filter((row) => trained.has(row.text)).length).toBeLessThan(
      heldBack.length / 10,
    );
  });

  it('keeps every company in its fold when more clauses of known companies are added', () => {
    const row = (source: TrainingRow['source'], group: string, index: number): TrainingRow => ({
      source,
      group,
      text: `clause ${index}`,
      categories: [],
      known: [],
      severity: null,
    });
    const rows = Array.from({ length: 400 }, (_, index) =>
      row(index % 4 === 0 ? 'ai-labels' : 'claudette', `company-${index % 41}`, index),
    );
    // Many more rows for a few companies, of both sources, as a labelling batch adds.
    const grown = [
      ...rows,
      ...Array.from({ length: 900 }, (_, index) =>
        row(index % 2 === 0 ? 'ai-labels' : 'claudette', `company-${index % 3}`, 400 + index),
      ),
    ];
    expect(assignFolds(grown, 10, 7)).toEqual(assignFolds(rows, 10, 7));
  });

  it('puts the threshold between the scores that maximise F1', () => {
    const pairs: [number, number][] = [
      [0.9, 1],
      [0.8, 1],
      [0.4, 0],
      [0.3, 1],
      [0.1, 0],
    ];
    const threshold = bestThreshold(pairs);
    expect(threshold).toBeGreaterThan(0.1);
    expect(threshold).toBeLessThan(0.3);
  });

  it('prefers a plateau of F1 to a narrow spike when the threshold is smoothed', () => {
    // Four positives just above a wall of ten negatives (the best single cut, F1 0.67, which a
    // shift of 0.01 either way ruins), four more further down, then only negatives (F1 0.62
    // anywhere between them).
    const pairs: [number, number][] = [
      [0.9, 1],
      [0.895, 1],
      [0.89, 1],
      [0.885, 1],
      ...Array.from({ length: 10 }, (): [number, number] => [0.88, 0]),
      [0.5, 1],
      [0.45, 1],
      [0.4, 1],
      [0.35, 1],
      [-0.5, 0],
      [-0.6, 0],
    ];
    const single = smoothedThreshold(pairs, 0);
    expect(single.threshold).toBe(bestThreshold(pairs));
    expect(single.threshold).toBeGreaterThan(0.88);
    expect(single.f1).toBeCloseTo(2 / 3);
    const smoothed = smoothedThreshold(pairs, 0.1);
    expect(smoothed.threshold).toBeGreaterThan(-0.5);
    expect(smoothed.threshold).toBeLessThan(0.35);
    expect(smoothed.f1).toBeCloseTo(16 / 26);
  });

  it('rates an affirmative clause apart from the negated ones that share its words', () => {
    // As in the real labels, most sentences that mention selling say "we do not sell" (info).
    const parties = ['advertisers', 'brokers', 'partners', 'insurers', 'marketers', 'affiliates'];
    const row = (text: string, index: number, severity: TrainingRow['severity']): TrainingRow => ({
      source: 'tosdr',
      group: `company-${index}`,
      text,
      categories: severity === null ? [] : ['data-sharing'],
      known: ['data-sharing'],
      severity,
    });
    const rows = parties.flatMap((party, index) => [
      row(`We do not sell your data to ${party}.`, index, 'info'),
      row(`We never sell information to ${party}.`, index, 'info'),
      row(`Your data is not sold to ${party}.`, index, 'info'),
      row(`We sell your data to ${party}.`, index, 'medium'),
      row(`Contact us about ${party} by email.`, index, null),
      row(`Our offices are open to ${party} on weekdays.`, index, null),
    ]);
    const severityOf = (replace: boolean, text: string) =>
      createClassifier(
        trainClauseModel(rows, {
          ...DEFAULT_CONFIG,
          severityOptions: { ...DEFAULT_CONFIG.severityOptions, minCount: 1 },
          severityNegatedWordsReplace: replace,
        }),
      ).classifyClause(text).severity;
    expect(severityOf(true, 'We sell information to landlords.')).toBe('medium');
    expect(severityOf(true, 'We do not sell information to landlords.')).toBe('info');
    // When a negated "sell" also counts as plain "sell", the plain word learns info.
    expect(severityOf(false, 'We sell information to landlords.')).toBe('info');
  });

  it('reads CLAUDETTE in another language as judging its eight categories only, by document', () => {
    const german = loadClaudette('de');
    const english = loadClaudette('en');
    expect(german.length).toBeGreaterThan(10_000);
    expect(new Set(german.map((row) => row.known.join(',')))).toEqual(
      new Set([Object.values(CLAUDETTE_TAG_TO_CATEGORY).join(',')]),
    );
    expect(german.filter((row) => row.categories.includes('liability')).length).toBeGreaterThan(
      100,
    );
    // English sentences may judge privacy categories (their words decide); the services are the same.
    expect(english.some((row) => row.known.includes('data-sharing'))).toBe(true);
    expect(new Set(german.map((row) => row.group))).toEqual(
      new Set(english.map((row) => row.group)),
    );
    expect(german[0]!.document?.startsWith(`claudette-de${String.fromCharCode(0)}`)).toBe(true);
  });

  it('gives a terms model heads for its categories only', () => {
    const laws = ['irischem', 'französischem', 'spanischem', 'italienischem', 'polnischem'];
    const rows: TrainingRow[] = laws.flatMap((law, index): TrainingRow[] => [
      {
        source: 'claudette',
        group: `terms-${index}`,
        text: `Diese Bedingungen unterliegen ${law} Recht.`,
        categories: ['governing-law'],
        known: ['governing-law'],
        severity: 'medium',
      },
      {
        source: 'claudette',
        group: `terms-${index}`,
        text: `Unser Büro ist am Sonntag geschlossen, Ausgabe ${index}.`,
        categories: [],
        known: ['governing-law'],
        severity: null,
      },
    ]);
    const model = trainClauseModel(rows, { ...TERMS_MODEL_CONFIG, thresholdFolds: 2 });
    expect(model.heads.map((head) => head.category)).toEqual(
      Object.values(CLAUDETTE_TAG_TO_CATEGORY),
    );
    expect(model.features.charWeight).toBeGreaterThan(0);
    const classifier = createClassifier(model);
    expect(
      classifier.classifyClause('Diese Bedingungen unterliegen maltesischem Recht.').categories,
    ).toEqual(['governing-law']);
    expect(classifier.classifyClause('Unser Büro ist am Montag geschlossen.').categories).toEqual(
      [],
    );
  });

  it('lets only the CLAUDETTE-category heads skip heading-shaped clauses, when configured', () => {
    const countries = [
      'Ireland',
      'France',
      'Spain',
      'Italy',
      'Austria',
      'Poland',
      'Greece',
      'Malta',
    ];
    const rows: TrainingRow[] = countries.flatMap((country, index): TrainingRow[] => [
      {
        source: 'claudette',
        group: `terms-${index}`,
        text: `These terms are governed by the law of ${country}.`,
        categories: ['governing-law'],
        known: ['governing-law'],
        severity: 'low',
      },
      {
        source: 'claudette',
        group: `terms-${index}`,
        text: `You can reach our office in ${country} by post.`,
        categories: [],
        known: ['governing-law'],
        severity: null,
      },
      {
        source: 'ai-labels',
        group: `policy-${index}`,
        text: `Personal data we collect in ${country}`,
        categories: ['data-collection'],
        known: ['data-collection'],
        severity: 'low',
      },
      {
        source: 'ai-labels',
        group: `policy-${index}`,
        text: `Our office in ${country} is closed on Sundays.`,
        categories: [],
        known: ['data-collection'],
        severity: null,
      },
    ]);
    const skipping = trainClauseModel(rows, {
      ...DEFAULT_CONFIG,
      claudetteHeadsSkipHeadings: true,
    });
    const notSkipping = trainClauseModel(rows, {
      ...DEFAULT_CONFIG,
      claudetteHeadsSkipHeadings: false,
    });
    expect(flagged(skipping, 'skipsHeadings')).toEqual(
      [
        'arbitration',
        'content-removal',
        'contract-by-using',
        'governing-law',
        'jurisdiction',
        'liability',
        'termination',
        'unilateral-change',
      ].sort(),
    );
    expect(flagged(notSkipping, 'skipsHeadings')).toEqual([]);
    const classifier = createClassifier(skipping);
    const categoriesOf = (text: string) => classifier.classifyClause(text).categories;
    expect(categoriesOf('Governed by the law of Portugal')).not.toContain('governing-law');
    expect(categoriesOf('Governed by the law of Portugal.')).toContain('governing-law');
    expect(categoriesOf('Personal data we collect in Portugal')).toContain('data-collection');
  });

  it("lets only the termination head skip the reader's right to end the contract, when configured", () => {
    const places = ['Lisbon', 'Porto', 'Madrid', 'Seville', 'Rome', 'Milan', 'Paris', 'Lyon'];
    const rows: TrainingRow[] = places.flatMap((place, index): TrainingRow[] => [
      {
        source: 'claudette',
        group: `terms-${index}`,
        text: `We may terminate your account in ${place} at any time.`,
        categories: ['termination'],
        known: ['termination'],
        severity: 'high',
      },
      {
        source: 'claudette',
        group: `terms-${index}`,
        text: `Our shop in ${place} opens at nine.`,
        categories: [],
        known: ['termination'],
        severity: null,
      },
    ]);
    const skipping = trainClauseModel(rows, {
      ...DEFAULT_CONFIG,
      terminationSkipsReaderEnding: true,
    });
    const notSkipping = trainClauseModel(rows, {
      ...DEFAULT_CONFIG,
      terminationSkipsReaderEnding: false,
    });
    expect(flagged(skipping, 'skipsReaderEnding')).toEqual(['termination']);
    expect(flagged(notSkipping, 'skipsReaderEnding')).toEqual([]);
    const categoriesOf = (model: ClauseModel, text: string) =>
      createClassifier(model).classifyClause(text).categories;
    const reader = 'You may terminate your account in Lisbon at any time.';
    expect(categoriesOf(skipping, reader)).not.toContain('termination');
    expect(categoriesOf(notSkipping, reader)).toContain('termination');
    expect(
      categoriesOf(skipping, 'We may terminate your account in Lisbon at any time.'),
    ).toContain('termination');
  });

  it('tells a list item by its heading when context features are on, and only then', () => {
    const items = ['Publicly available information', 'Licensed datasets', 'Archived forum posts'];
    const rows: TrainingRow[] = Array.from({ length: 8 }, (_, index) => [
      ...items.map(
        (item): TrainingRow => ({
          source: 'ai-labels',
          group: `company-${index}`,
          text: `${item} ${index}`,
          categories: ['ai-training'],
          known: ['ai-training'],
          severity: 'medium',
          context: { heading: 'Data we use to train our models', previous: null },
        }),
      ),
      ...items.map(
        (item): TrainingRow => ({
          source: 'ai-labels',
          group: `company-${index}`,
          text: `${item} ${index}`,
          categories: [],
          known: ['ai-training'],
          severity: null,
          context: { heading: 'Where we publish our research', previous: null },
        }),
      ),
    ]).flat();
    const classifierWith = (contextWeight: number) =>
      createClassifier(
        trainClauseModel(rows, {
          ...DEFAULT_CONFIG,
          features: { ...DEFAULT_CONFIG.features, contextWeight },
        }),
      );
    const item = 'Licensed datasets 9';
    const training = { heading: 'Data we use to train our models', previous: null };
    const research = { heading: 'Where we publish our research', previous: null };
    const withContext = classifierWith(0.5);
    expect(withContext.classifyClause(item, training).categories).toContain('ai-training');
    expect(withContext.classifyClause(item, research).categories).not.toContain('ai-training');
    const without = classifierWith(0);
    expect(without.classifyClause(item, training).categories).toEqual(
      without.classifyClause(item, research).categories,
    );
  });

  it("learns to read a clause's neighbours where its own words cannot tell, and only with reach", () => {
    // The same sentence is about training next to training sentences and about nothing next to
    // support sentences: no context features, so only its neighbours tell them apart.
    const filler = ['Our offices are in Dublin.', 'We were founded in 2015.', 'We have 40 staff.'];
    const document = (company: number): TrainingRow[] =>
      [
        ...[
          `We train our models on your chats ${company}.`,
          'We use this information as described.',
          `We train our models on the files you upload ${company}.`,
        ].map((text) => ({ text, positive: true })),
        ...filler.map((text) => ({ text, positive: false })),
        ...[
          `We answer your support tickets ${company}.`,
          'We use this information as described.',
          `We answer questions by email ${company}.`,
        ].map((text) => ({ text, positive: false })),
      ].map(({ text, positive }, position) => ({
        source: 'ai-labels',
        group: `company-${company}`,
        text,
        categories: positive ? ['ai-training'] : [],
        known: ['ai-training'],
        severity: positive ? 'medium' : null,
        document: `company-${company}/privacy`,
        position,
      }));
    const rows = Array.from({ length: 12 }, (_, company) => document(company)).flat();
    const page = document(99).map((row) => row.text);
    const weightOf = (model: ClauseModel) =>
      model.heads.find((head) => head.category === 'ai-training')!.neighbourWeight;

    const model = trainClauseModel(rows, DEFAULT_CONFIG);
    expect(weightOf(model)).toBeGreaterThan(0);
    expect(model.neighbourReach).toBe(DEFAULT_CONFIG.neighbourReach);
    const labels = createClassifier(model).classifyClauses(page);
    expect(labels[1]!.categories).toContain('ai-training');
    expect(labels[7]!.categories).not.toContain('ai-training');

    const alone = trainClauseModel(rows, { ...DEFAULT_CONFIG, neighbourReach: 0 });
    expect(alone.heads.every((head) => head.neighbourWeight === 0)).toBe(true);
    const aloneLabels = createClassifier(alone).classifyClauses(page);
    expect(aloneLabels[1]!.categories).toEqual(aloneLabels[7]!.categories);
  });

  it('scales rare features up and common ones down by IDF, keeping the mean factor at 1', () => {
    const examples = [
      { ids: [1, 2], values: [1, 1] },
      { ids: [1, 3], values: [1, 1] },
      { ids: [1, 3], values: [1, 1] },
      { ids: [1], values: [1] },
    ];
    const factors = idfFactors(examples, 1);
    expect(factors.get(2)!).toBeGreaterThan(factors.get(3)!);
    expect(factors.get(3)!).toBeGreaterThan(factors.get(1)!);
    const occurrences = examples.flatMap((example) => example.ids);
    const mean = occurrences.reduce((sum, id) => sum + factors.get(id)!, 0) / occurrences.length;
    expect(mean).toBeCloseTo(1, 12);
    expect([...idfFactors(examples, 0).values()]).toEqual([1, 1, 1]);
  });

  it('stores weights for unscaled features: IDF lifts a rare telling word against a common one', () => {
    // "models" is in a quarter of the positives only, "data" in every positive and some negatives.
    const rows: TrainingRow[] = Array.from({ length: 96 }, (_, index) => {
      const positive = index % 2 === 0;
      const text = positive
        ? index % 8 === 0
          ? `We use your data for models ${index}.`
          : `We use your data for improvements ${index}.`
        : index % 4 === 1
          ? `We keep your data for billing ${index}.`
          : `We answer your tickets ${index}.`;
      return {
        source: 'ai-labels',
        group: `company-${index % 12}`,
        text,
        categories: positive ? ['ai-training'] : [],
        known: ['ai-training'],
        severity: positive ? 'medium' : null,
      };
    });
    const weightOf = (model: ClauseModel, word: string) => {
      const head = model.heads.find((candidate) => candidate.category === 'ai-training')!;
      const wanted = hashFeature(word, DEFAULT_CONFIG.features.hashBits);
      let id = 0;
      for (let index = 0; index < head.ids.length; index += 1) {
        id += head.ids[index]!;
        if (id === wanted) return head.weights[index]! * head.scale;
      }
      return 0;
    };
    const ratio = (idfPower: number) => {
      const model = trainClauseModel(rows, { ...DEFAULT_CONFIG, idfPower });
      return weightOf(model, 'models') / weightOf(model, 'data');
    };
    // 3.7 times here; 1.6 times when the stored weights are the ones learnt on scaled features.
    expect(ratio(1)).toBeGreaterThan(ratio(0) * 2.5);
  });
});
