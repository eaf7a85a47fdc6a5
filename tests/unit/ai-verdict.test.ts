import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AiTrainingCard, type Excerpt, platformSourceSchema } from '@/lib/feed/schema';
import type { ReportedClause } from '@/lib/messaging/protocol';
import {
  automaticAiGroups,
  automaticVerdict,
  excerptSource,
  safeHttpsUrl,
  sortedTiers,
  tabDeservesAiWarning,
  textFragmentUrl,
  tiersNotCovered,
  trainsOnConsumerTier,
  verdictFor,
  verdictKind,
} from '@/lib/ui/ai-verdict';

function loadPlatform(id: string) {
  return platformSourceSchema.parse(
    JSON.parse(readFileSync(new URL(`../../data/platforms/${id}.json`, import.meta.url), 'utf8')),
  );
}

const excerpt: Excerpt = {
  document: 'privacy',
  version: '2025-01-02T00:00:00Z',
  text: 'We train.',
};

function card(
  trainsByDefault: AiTrainingCard['trainsByDefault'],
  tiers: [AiTrainingCard['tiers'][number]['tier'], boolean][],
): AiTrainingCard {
  return {
    verdict: 'A sentence.',
    trainsByDefault,
    tiers: tiers.map(([tier, trains]) => ({
      tier,
      label: tier,
      trainsByDefault: trains,
      excerpts: [excerpt],
    })),
    optOut: { available: false, steps: [], settingsUrl: null, excerpts: [excerpt] },
    carveOuts: [],
    humanReview: { happens: null, description: 'Not stated.', excerpts: [excerpt] },
    retention: null,
  };
}

function clause(id: number, categories: ReportedClause['categories']): ReportedClause {
  return {
    id,
    text: `clause ${id}`,
    start: 0,
    end: 1,
    heading: null,
    categories,
    severity: null,
    hash: String(id),
  };
}

describe('verdict', () => {
  it('maps the curated default to a kind, an icon and words', () => {
    expect(verdictFor(card('yes', [['free', true]]))).toEqual({
      kind: 'trains',
      icon: '▲',
      text: 'Trains on your content by default',
    });
    expect(verdictKind(card('no', [['free', false]]))).toBe('no-training');
    expect(verdictFor(card('depends-on-tier', [['free', true]])).text).toBe(
      'Depends on the product',
    );
  });

  it('reads the real feed cards', () => {
    const chatgpt = loadPlatform('chatgpt').aiTraining!;
    const copilot = loadPlatform('github-copilot').aiTraining!;
    const midjourney = loadPlatform('midjourney').aiTraining!;
    expect(verdictKind(chatgpt)).toBe('depends');
    expect(trainsOnConsumerTier(chatgpt)).toBe(true);
    expect(verdictKind(copilot)).toBe('no-training');
    expect(trainsOnConsumerTier(copilot)).toBe(false);
    expect(trainsOnConsumerTier(midjourney)).toBe(true);
  });
});

describe('consumer-tier warning', () => {
  it('warns only when an individual plan trains by default', () => {
    expect(
      trainsOnConsumerTier(
        card('depends-on-tier', [
          ['free', false],
          ['business', true],
        ]),
      ),
    ).toBe(false);
    expect(
      trainsOnConsumerTier(
        card('depends-on-tier', [
          ['consumer-paid', true],
          ['api', false],
        ]),
      ),
    ).toBe(true);
    expect(trainsOnConsumerTier(card('no', [['free', true]]))).toBe(false);
  });

  it('trusts a curated "yes" that lists no consumer tier, but not a "depends"', () => {
    expect(trainsOnConsumerTier(card('yes', [['api', true]]))).toBe(true);
    expect(
      trainsOnConsumerTier(
        card('depends-on-tier', [
          ['api', true],
          ['api', false],
        ]),
      ),
    ).toBe(false);
  });

  it('needs a known platform and a card', () => {
    const trains = card('yes', [['free', true]]);
    expect(tabDeservesAiWarning({ platform: { id: 'x', name: 'X' }, aiTraining: trains })).toBe(
      true,
    );
    expect(tabDeservesAiWarning({ platform: null, aiTraining: trains })).toBe(false);
    expect(tabDeservesAiWarning({ platform: { id: 'x', name: 'X' }, aiTraining: null })).toBe(
      false,
    );
  });
});

describe('tiers', () => {
  it('orders free, paid, business, API and names the missing ones', () => {
    const mixed = card('depends-on-tier', [
      ['api', false],
      ['free', true],
      ['business', false],
    ]);
    expect(sortedTiers(mixed).map((tier) => tier.tier)).toEqual(['free', 'business', 'api']);
    expect(tiersNotCovered(mixed)).toEqual(['consumer-paid']);
  });
});

describe('links', () => {
  it('accepts https only', () => {
    expect(safeHttpsUrl('https://example.com/p')).toBe('https://example.com/p');
    expect(safeHttpsUrl('http://example.com/p')).toBeNull();
    expect(safeHttpsUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpsUrl('data:text/html,hi')).toBeNull();
    expect(safeHttpsUrl('/relative')).toBeNull();
    expect(safeHttpsUrl(null)).toBeNull();
  });

  it('builds a text fragment from the first eight words, replacing an existing fragment', () => {
    const url = textFragmentUrl(
      'https://example.com/privacy#top',
      '  If you do not want us to use your Content to train',
    );
    expect(url).toBe(
      `https://example.com/privacy#:~:text=${encodeURIComponent('If you do not want us to use')}`,
    );
  });

  it('percent-encodes the characters that are syntax in a text directive', () => {
    const url = textFragmentUrl('https://example.com/', 'opt- out, & more words here');
    expect(url).toBe('https://example.com/#:~:text=opt%2D%20out%2C%20%26%20more%20words%20here');
    expect(decodeURIComponent(url!.split('#:~:text=')[1]!)).toBe('opt- out, & more words here');
  });

  it('refuses a non-https document URL', () => {
    expect(textFragmentUrl('javascript:alert(1)//', 'text')).toBeNull();
    expect(textFragmentUrl('http://example.com/', 'text')).toBeNull();
  });

  it('names the excerpt document and version, and links to it', () => {
    const documents = [{ id: 'privacy', title: 'Privacy Policy', url: 'https://example.com/p' }];
    expect(excerptSource(excerpt, documents)).toEqual({
      documentTitle: 'Privacy Policy',
      versionDate: '2025-01-02',
      href: 'https://example.com/p#:~:text=We%20train.',
    });
    expect(excerptSource(excerpt, [])).toEqual({
      documentTitle: 'privacy',
      versionDate: '2025-01-02',
      href: null,
    });
  });

  it('resolves every excerpt of a real card to a document of its platform', () => {
    const platform = loadPlatform('claude');
    const aiCard = platform.aiTraining!;
    const excerpts = [
      ...aiCard.tiers.flatMap((tier) => tier.excerpts),
      ...aiCard.optOut.excerpts,
      ...aiCard.carveOuts.flatMap((carveOut) => carveOut.excerpts),
      ...aiCard.humanReview.excerpts,
      ...(aiCard.retention?.excerpts ?? []),
    ];
    for (const quote of excerpts) {
      expect(excerptSource(quote, platform.documents).href).toMatch(/^https:\/\/[^#]+#:~:text=/);
    }
  });
});

describe('automatic card', () => {
  it('groups the AI-relevant clauses in a fixed order, a clause in each of its groups', () => {
    const groups = automaticAiGroups([
      clause(1, ['data-retention']),
      clause(2, ['ai-training', 'opt-out']),
      clause(3, ['arbitration']),
      clause(4, ['human-review']),
    ]);
    expect(groups.map((group) => [group.category, group.clauses.map((c) => c.id)])).toEqual([
      ['ai-training', [2]],
      ['opt-out', [2]],
      ['human-review', [4]],
      ['data-retention', [1]],
    ]);
  });

  it('says training is mentioned only when an ai-training clause exists', () => {
    expect(automaticVerdict([clause(1, ['ai-training'])]).text).toBe(
      'This policy mentions using your content for AI training',
    );
    expect(automaticVerdict([clause(1, ['opt-out', 'human-review'])])).toMatchObject({
      kind: 'no-clause-found',
      text: 'No AI-training clause found by automatic analysis',
    });
    expect(automaticVerdict([]).kind).toBe('no-clause-found');
    // A page the classifier cannot read: finding nothing is no answer.
    expect(automaticVerdict([], 'zh')).toMatchObject({ kind: 'not-checked' });
    expect(automaticVerdict([clause(1, ['ai-training'])], 'de').kind).toBe('mentions-training');
    expect(automaticVerdict([], 'en').kind).toBe('no-clause-found');
    expect(automaticVerdict([], 'und').kind).toBe('no-clause-found');
    const many = Array.from({ length: 12 }, (_, id) => clause(id, []));
    expect(automaticVerdict(many, 'und').kind).toBe('not-checked');
    expect(automaticVerdict(many, 'en').kind).toBe('no-clause-found');
  });
});
