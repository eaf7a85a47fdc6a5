import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFromMarkdown } from '../../lib/analysis/markdown';
import { diffTexts, type ExtractedTextLike } from '../../lib/diff/diff';

// Real consecutive versions archived by Open Terms Archive (ODC-BY 1.0), see the NOTICE.md there.
const FIXTURES = new URL('../fixtures/versions/', import.meta.url);

function markdown(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

// The path `cli diff` takes for a .md file.
function version(path: string): ExtractedTextLike {
  return extractFromMarkdown(markdown(path));
}

const COSMETIC_PAIRS: { what: string; before: string; after: string }[] = [
  {
    what: 'invisible characters only',
    before: 'ChatGPT/Acceptable Use Policy/2024-08-20T18-30-34Z.md',
    after: 'ChatGPT/Acceptable Use Policy/2024-10-19T00-30-22Z.md',
  },
  {
    what: 'a link target only',
    before: 'Grok/Trackers Policy/2025-11-11T15-32-40Z.md',
    after: 'Grok/Trackers Policy/2025-12-02T23-35-26Z.md',
  },
  {
    what: 'empty heading anchors removed',
    before: 'WhatsApp/Terms of Service/2021-04-29T13-10-22Z.md',
    after: 'WhatsApp/Terms of Service/2022-01-17T06-42-29Z.md',
  },
  {
    what: 'case only',
    before: 'Microsoft Copilot/Acceptable Use Policy/2026-03-06T11-35-42Z.md',
    after: 'Microsoft Copilot/Acceptable Use Policy/2026-08-04T10-34-13Z.md',
  },
  {
    what: 'a date written day-month instead of month-day',
    before: 'Claude.ai/Acceptable Use Policy/2026-05-12T22-30-40Z.md',
    after: 'Claude.ai/Acceptable Use Policy/2026-05-22T10-36-10Z.md',
  },
  {
    what: 'table cells split with <br> tags',
    before: 'Spotify/Trackers Policy/2024-04-17T12-33-46Z.md',
    after: 'Spotify/Trackers Policy/2024-06-12T12-34-15Z.md',
  },
  {
    what: 'headings and rules rewritten in another markdown style',
    before: 'Pinterest/Terms of Service/2020-07-29T13-32-23Z.md',
    after: 'Pinterest/Terms of Service/2021-06-30T10-56-48Z.md',
  },
];

describe('diffTexts on real cosmetic-only version pairs', () => {
  for (const pair of COSMETIC_PAIRS) {
    it(`finds no change: ${pair.what}`, () => {
      expect(markdown(pair.before)).not.toBe(markdown(pair.after));
      expect(diffTexts(version(pair.before), version(pair.after))).toEqual({
        substantive: false,
        changes: [],
      });
    });
  }
});

describe('diffTexts on real edits', () => {
  it('finds the two cookie partners added to a list that was also re-sorted', () => {
    const diff = diffTexts(
      version('Snapchat/Trackers Policy/2022-09-20T15-22-53Z.md'),
      version('Snapchat/Trackers Policy/2022-09-23T00-32-52Z.md'),
    );
    expect(diff.substantive).toBe(true);
    expect(diff.changes.map((change) => [change.kind, change.before, change.after])).toEqual([
      ['added', null, 'PayPal'],
      ['added', null, 'Reddit'],
    ]);
  });

  it('finds one added sentence among moved ones', () => {
    const diff = diffTexts(
      version('TikTok/Trackers Policy/2020-12-16T08-32-04Z.md'),
      version('TikTok/Trackers Policy/2021-03-03T07-27-30Z.md'),
    );
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ kind: 'added', before: null });
    expect(diff.changes[0]!.after).toMatch(/^You can manage your cookie settings/);
  });

  it('finds removed clauses', () => {
    const diff = diffTexts(
      version('DeepSeek/Privacy Policy/2025-04-28T00-31-52Z.md'),
      version('DeepSeek/Privacy Policy/2025-05-08T12-31-55Z.md'),
    );
    expect(diff.changes.map((change) => change.kind)).toEqual(['removed', 'removed']);
    expect(diff.changes[0]!.before).toBe('Other language versions →');
    expect(diff.changes[1]!.before).toContain('日本語 (ja-JP)');
  });

  it('reports a clause with a phrase inserted as one reworded clause (Chinese text)', () => {
    const diff = diffTexts(
      version('Wenxinyiyan/Terms of Service/2025-05-16T12-36-20Z.md'),
      version('Wenxinyiyan/Terms of Service/2025-05-21T12-34-21Z.md'),
    );
    expect(diff.changes).toHaveLength(1);
    const [change] = diff.changes;
    expect(change!.kind).toBe('modified');
    expect(change!.before).not.toContain('风险等级外显标识');
    expect(change!.after).toContain('风险等级外显标识');
  });
});
