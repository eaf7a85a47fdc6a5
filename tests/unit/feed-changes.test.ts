import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClauseLabel } from '../../lib/analysis/types';
import { computeDocumentChanges, guessLanguage } from '../../lib/feed/changes';

const termsDir = join(
  import.meta.dirname,
  '../fixtures/feed/archive/example-chat/terms-of-service',
);

function fixtureHistory() {
  return readdirSync(termsDir)
    .sort()
    .map((name) => ({
      date: name.replace(/T(\d\d)-(\d\d)-(\d\d)Z\.md$/, 'T$1:$2:$3Z'),
      markdown: readFileSync(join(termsDir, name), 'utf8'),
    }));
}

// A stand-in for the model, so these tests check how labels reach the records, not the model.
const labelTraining = (texts: readonly string[]): ClauseLabel[] =>
  texts.map((text) =>
    /\btrain/i.test(text)
      ? { categories: ['ai-training'], severity: 'high' }
      : { categories: [], severity: null },
  );

const paragraph = (topic: string) =>
  `We may share information about ${topic} with our partners and service providers so that they can ` +
  `help us run the service, and we require them to protect that information and to use it only ` +
  `for the purposes we describe in this policy and for nothing else.`;

describe('computeDocumentChanges', () => {
  it('records real changes and treats cosmetic edits, glitches and flip-flops as documented', () => {
    const history = computeDocumentChanges('terms-of-service', fixtureHistory(), {
      classify: labelTraining,
    });
    expect(history.versions.map((version) => version.status)).toEqual([
      'baseline',
      'changed',
      'cosmetic',
      'glitch',
      'cosmetic',
      'changed',
      'reverted',
    ]);
    expect(history.changes.map(({ date, substantive }) => ({ date, substantive }))).toEqual([
      { date: '2024-03-01T09:00:00Z', substantive: true },
      // Withdrawn two days later: a publishing accident, not a new policy.
      { date: '2024-06-01T09:00:00Z', substantive: false },
      { date: '2024-06-03T09:00:00Z', substantive: false },
    ]);
    const training = history.changes[0]!;
    expect(training.added).toBeGreaterThanOrEqual(1);
    expect(training.removed).toBe(0);
    expect(training.categories).toEqual(['ai-training']);
    expect(training.summary).toMatch(/touches AI training/);
    expect(history.changes[1]!.categories).toEqual([]);
    expect(history.changes[2]!.summary).toMatch(/^Back to the wording of 2024-03-01/);
    expect(history.language).toBe('en');
  });

  it('keeps a reverted change substantive when the other text stood for longer than the window', () => {
    const versions = fixtureHistory();
    const reverted = versions.at(-1)!;
    reverted.date = '2024-09-01T09:00:00Z';
    const history = computeDocumentChanges('terms-of-service', versions);
    expect(history.changes.map((change) => change.substantive)).toEqual([true, true, false]);
  });

  it('leaves out a page briefly served in another language', () => {
    const english = [paragraph('you'), paragraph('your device'), paragraph('your account')].join(
      '\n\n',
    );
    const french =
      'Nous pouvons partager des informations vous concernant avec nos partenaires et les ' +
      'prestataires de services pour nous aider à faire fonctionner le service, et nous leur ' +
      'demandons de protéger ces informations et de les utiliser uniquement pour les finalités ' +
      'décrites dans la présente politique. Vous pouvez exercer vos droits à tout moment dans les ' +
      'paramètres de votre compte ou en nous écrivant par courrier.';
    const updated = `${english}\n\n${paragraph('your purchases')}`;
    const history = computeDocumentChanges('privacy-policy', [
      { date: '2024-01-01T00:00:00Z', markdown: english },
      { date: '2024-02-01T00:00:00Z', markdown: `${french}\n\n${french}\n\n${french}` },
      { date: '2024-02-02T00:00:00Z', markdown: english },
      { date: '2024-05-01T00:00:00Z', markdown: updated },
    ]);
    expect(history.versions.map((version) => version.status)).toEqual([
      'baseline',
      'glitch',
      'cosmetic',
      'changed',
    ]);
    expect(history.changes).toHaveLength(1);
    expect(history.changes[0]).toMatchObject({ added: 1, removed: 0, substantive: true });
  });

  it('keeps short versions at the start of a history, when the document really was short', () => {
    const short = paragraph('you');
    const long = [paragraph('you'), paragraph('your device'), paragraph('your account')].join(
      '\n\n',
    );
    const history = computeDocumentChanges('privacy-policy', [
      { date: '2024-01-01T00:00:00Z', markdown: short },
      { date: '2024-06-01T00:00:00Z', markdown: long },
    ]);
    expect(history.versions.map((version) => version.status)).toEqual(['baseline', 'changed']);
    expect(history.changes[0]).toMatchObject({ added: 2, substantive: true });
  });

  it('sorts versions by date whatever order they come in', () => {
    const versions = fixtureHistory().reverse();
    const history = computeDocumentChanges('terms-of-service', versions);
    expect(history.changes.map((change) => change.date)).toEqual([
      '2024-03-01T09:00:00Z',
      '2024-06-01T09:00:00Z',
      '2024-06-03T09:00:00Z',
    ]);
  });
});

describe('guessLanguage', () => {
  it('tells common policy languages apart and gives up on fragments', () => {
    expect(guessLanguage(paragraph('you'))).toBe('en');
    expect(
      guessLanguage(
        'Wir verarbeiten die Daten, die Sie uns zur Verfügung stellen, und wir geben sie nicht ohne Ihre Einwilligung an Dritte weiter. Die Daten werden für die Dauer der Nutzung gespeichert und sind für Sie jederzeit einsehbar.',
      ),
    ).toBe('de');
    expect(guessLanguage('Sign in to continue')).toBe('und');
  });
});
