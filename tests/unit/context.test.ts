import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextText } from '../../lib/analysis/classifier';
import {
  clauseContexts,
  clauseNeighbours,
  LEAD_REACH,
  looksLikeHeading,
  providerSellsData,
  readerEndsRelationship,
  waivesJuryOrClassAction,
} from '../../lib/analysis/context';
import {
  clauseFeatures,
  clauseFeaturesInContext,
  DEFAULT_FEATURE_OPTIONS,
} from '../../lib/analysis/features';
import { loadClaudette } from '../../scripts/training/dataset';

describe('clause context', () => {
  it('gives a section its heading as the clause before its first clause, as the labels have it', () => {
    const clauses = [
      { text: 'We collect your email.', heading: 'What we collect' },
      { text: 'We collect your name.', heading: 'What we collect' },
      { text: 'Publicly available information', heading: 'Data we train on' },
    ];
    expect(clauseContexts(clauses)).toEqual([
      { heading: 'What we collect', previous: 'What we collect' },
      { heading: 'What we collect', previous: 'We collect your email.' },
      { heading: 'Data we train on', previous: 'Data we train on' },
    ]);
    expect(contextText({ heading: 'Data we train on', previous: 'Data we train on' })).toBe(
      'Data we train on',
    );
    expect(contextText({ heading: 'A', previous: 'B.' })).toBe('A\nB.');
    expect(contextText({ heading: null, previous: null })).toBe('');
  });

  it("gives a list's later items the sentence that opened the list, within reach and section", () => {
    const heading = 'Data we train on';
    const lead = 'We train our models using data from the following sources:';
    const items = Array.from({ length: LEAD_REACH + 1 }, (_, index) => `Source ${index + 1}`);
    const clauses = [
      { text: lead, heading },
      ...items.map((text) => ({ text, heading })),
      { text: 'How we share data', heading: 'Sharing' },
    ];
    const contexts = clauseContexts(clauses);
    // The first item reads the lead as the clause before it: no need to say it twice.
    expect(contexts[1]).toEqual({ heading, previous: lead });
    expect(contexts[2]).toEqual({ heading, previous: 'Source 1', lead });
    expect(contexts[LEAD_REACH]?.lead).toBe(lead);
    expect(contexts[LEAD_REACH + 1]).toEqual({ heading, previous: `Source ${LEAD_REACH}` });
    expect(contexts[LEAD_REACH + 2]).toEqual({ heading: 'Sharing', previous: 'Sharing' });
    expect(contextText(contexts[2])).toBe(`${heading}\n${lead}\nSource 1`);
    // A lead in another section is not carried over.
    expect(
      clauseContexts([
        { text: lead, heading: 'A' },
        { text: 'Web pages', heading: 'B' },
        { text: 'Licensed data', heading: 'B' },
      ])[2],
    ).toEqual({ heading: 'B', previous: 'Web pages' });
  });

  it('adds the context words in a space of their own, weighted, and nothing without context', () => {
    // Words only: a context has no prefixes.
    const options = { ...DEFAULT_FEATURE_OPTIONS, contextWeight: 0.5, prefixLength: 0 };
    const alone = clauseFeatures('Licensed datasets', options);
    expect(clauseFeaturesInContext('Licensed datasets', '', options)).toEqual(alone);
    expect(
      clauseFeaturesInContext('Licensed datasets', 'Training', { ...options, contextWeight: 0 }),
    ).toEqual(alone);
    const inContext = clauseFeaturesInContext('Licensed datasets', 'Licensed datasets', options);
    expect(inContext.ids.slice(0, alone.ids.length)).toEqual(alone.ids);
    const added = inContext.ids.slice(alone.ids.length);
    expect(added).toHaveLength(alone.ids.length);
    // The same words as context land elsewhere than as the clause's own.
    expect(added.filter((id) => alone.ids.includes(id))).toEqual([]);
    expect(inContext.values.slice(alone.ids.length)).toEqual(
      alone.values.map((value) => value * 0.5),
    );
  });

  it('reads short unpunctuated lines of a labelled document as headings, not list items', () => {
    expect(looksLikeHeading('Personal data we collect or receive to train our models')).toBe(true);
    expect(looksLikeHeading('Pre-training.')).toBe(true);
    expect(looksLikeHeading('your feedback,')).toBe(false);
    expect(looksLikeHeading('We collect the data you give us when you sign up.')).toBe(false);
  });

  it('counts words as splitting the trimmed text at white space would, up to the tenth', () => {
    const splitting = (text: string) => {
      const trimmed = text.trim();
      const words = trimmed.split(/\s+/).length;
      if (words > 10 || /^\p{Ll}/u.test(trimmed)) return false;
      return !(words <= 4 ? /[,;]$/ : /[.;:,!?]$/).test(trimmed);
    };
    const words = (count: number, separator = ' ') =>
      Array.from({ length: count }, (_, index) => `Word${index}`).join(separator);
    const cases = [
      '',
      '   ',
      'Governing law',
      'Governing law.',
      'Governing law,',
      ' \u00a0Governing\u2003law\t\n',
      words(10),
      words(11),
      words(10, ' \t\n '),
      words(11, '\u00a0'),
      `${words(4)};`,
      `${words(5)}.`,
      `${words(5)}!`,
      'ÉTAT DU DROIT',
      'état du droit',
      `${'Word '.repeat(100_000)}end`,
    ];
    for (const text of cases)
      expect(looksLikeHeading(text), JSON.stringify(text)).toBe(splitting(text));
  });

  it("tells the reader's right to end the contract from the provider's power to end it", () => {
    for (const text of [
      'You may terminate your account at any time, for any reason.',
      'At any time, users can close their accounts from the settings page.',
      'Cancellation and Termination You may cancel this agreement and close your Account at any time.',
      'You have the right to terminate this Agreement by any of the following methods:',
      'YOU CAN DELETE YOUR ACCOUNT AT ANY TIME.',
      'You are free to stop using our Service at any time.',
    ]) {
      expect(readerEndsRelationship(text), text).toBe(true);
    }
    for (const text of [
      'We may terminate your account at any time, for any reason.',
      'If you breach these Terms, you may be terminated without notice.',
      'Either you or we may terminate this agreement on notice.',
      'You may not terminate this agreement before the end of the term.',
      'You may never delete content that other users posted.',
      'Your account may be closed if you do not log in for two years.',
      'Upon any breach of these Terms by you, we may close your account.',
      'You can find our contact details below.',
    ]) {
      expect(readerEndsRelationship(text), text).toBe(false);
    }
  });

  it('decides on a clause of any length without reading past its opening', () => {
    const long = `${'word '.repeat(200_000)}you may terminate`;
    expect(readerEndsRelationship(long)).toBe(false);
    expect(readerEndsRelationship(`You may close your account. ${long}`)).toBe(true);
  });

  it('starts each CLAUDETTE terms of service without context, also where a company has several', () => {
    const services = readFileSync('data/training/claudette-en.jsonl', 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { service: string }).service);
    const rows = loadClaudette();
    const starts = services.flatMap((service, index) =>
      index > 0 && services[index - 1] !== service ? [index] : [],
    );
    // Facebook, Instagram and WhatsApp are one company, one after another in the file.
    expect(starts.some((index) => rows[index]!.group === rows[index - 1]!.group)).toBe(true);
    for (const index of starts)
      expect(rows[index]!.context).toEqual({ heading: null, previous: null });
    expect(rows[starts[0]! + 1]!.context?.previous).toBe(rows[starts[0]!]!.text);
  });

  it('gives each clause the clauses within reach under its heading as neighbours, never a heading-shaped one', () => {
    const clauses = [
      { text: 'We collect the name you give us.', heading: 'Data' },
      { text: 'We collect the e-mail address you give us.', heading: 'Data' },
      { text: 'Device data', heading: 'Data' },
      { text: 'We collect the IP address of your device.', heading: 'Data' },
      { text: 'We keep this data for a year.', heading: 'Retention' },
      { text: 'We then delete it for good.', heading: 'Retention' },
    ];
    expect(clauseNeighbours(clauses, 2)).toEqual([[1], [0, 3], [0, 1, 3], [1], [5], [4]]);
    expect(clauseNeighbours(clauses, 1)).toEqual([[1], [0], [1, 3], [], [5], [4]]);
    expect(clauseNeighbours(clauses, 0)).toEqual([[], [], [], [], [], []]);
    // Without headings a page is one section.
    const plain = clauses.map(({ text }) => ({ text }));
    expect(clauseNeighbours(plain, 1)).toEqual([[1], [0], [1, 3], [4], [3, 5], [4]]);
  });

  it("tells the provider selling the reader's data from a promise not to and from other sales", () => {
    for (const text of [
      'We sell your personal data to third parties.',
      'We may sell or share your personal information with advertising partners.',
      'We sell and/or share your Personal Data, subject to your right to opt-out.',
      'In some cases, we also rent your email address to marketers.',
      'The Company may trade customer lists with its partners.',
    ]) {
      expect(providerSellsData(text), text).toBe(true);
    }
    for (const text of [
      'We do not sell your personal information.',
      'We don’t sell your personal data to third parties, including data brokers.',
      'We never sell your data.',
      'We will not rent or sell your email address.',
      'If you sell something through the marketplace, we collect your payout details.',
      'We may sell or transfer our business assets in a merger.',
      'We sell subscriptions to our service.',
    ]) {
      expect(providerSellsData(text), text).toBe(false);
    }
  });

  it('tells a waiver of a jury trial or a class action from a mention of one', () => {
    for (const text of [
      'You waive your right to participate in a class action lawsuit.',
      'BY ENTERING INTO THESE TERMS, YOU AND VISA ARE EACH WAIVING THE RIGHT TO PARTICIPATE IN A CLASS ACTION.',
      'You are giving up your right to have a trial by jury;',
      'YOU AGREE THAT EACH MAY BRING CLAIMS AGAINST THE OTHER ONLY IN YOUR OR ITS INDIVIDUAL CAPACITY, AND NOT AS A PLAINTIFF OR CLASS MEMBER IN ANY PURPORTED CLASS PROCEEDING.',
      'Disputes will be resolved only on an individual basis.',
      'YOU WILL ONLY BE PERMITTED TO PURSUE CLAIMS AGAINST US ON AN INDIVIDUAL BASIS, AND NOT IN ANY CLASS OR REPRESENTATIVE PROCEEDING.',
      'Class arbitrations, class actions, private attorney general actions, and consolidation with other arbitrations aren’t allowed.',
      'You and we both waive any right to a jury trial.',
    ]) {
      expect(waivesJuryOrClassAction(text), text).toBe(true);
    }
    for (const text of [
      'We will give you 60 days’ notice if we change Section 15, Agreement to Arbitrate and Class Action Waiver.',
      'If a court decides that the Prohibition of Class and Representative Actions is invalid, this Arbitration Agreement is void.',
      'Nothing in these terms waives your right to a jury trial.',
      'This section does not waive any right you may have to bring a class action.',
      'We may waive the fee for students in a class.',
      'You may designate an authorized representative to make a request on your behalf.',
      'Any dispute will be resolved by binding arbitration.',
      'We review each request on an individual basis.',
    ]) {
      expect(waivesJuryOrClassAction(text), text).toBe(false);
    }
    expect(waivesJuryOrClassAction(`${'word '.repeat(200_000)}you waive any jury trial`)).toBe(
      false,
    );
  });
});
