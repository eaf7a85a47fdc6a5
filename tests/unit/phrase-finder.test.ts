import { describe, expect, it } from 'vitest';
import { phraseFinder } from '../../lib/analysis/phrase-finder';

describe('phraseFinder', () => {
  const find = phraseFinder([
    'chinh sach bao mat',
    'politika',
    'politika konfidencialnosti',
    '隐私政策',
  ]);

  it('finds the first phrase, the longest at its position, with the text as written', () => {
    expect(find('legal politika konfidencialnosti')).toEqual({
      index: 6,
      phrase: 'politika konfidencialnosti',
    });
    expect(find('politika cookies')).toEqual({ index: 0, phrase: 'politika' });
    expect(find('kitchen')).toBeNull();
  });

  it('takes a phrase glued, but not the text spaced where the phrase is not', () => {
    expect(find('zalo chinhsachbaomat')).toEqual({ index: 5, phrase: 'chinhsachbaomat' });
    expect(find('chinh sachbao mat')).toEqual({ index: 0, phrase: 'chinh sachbao mat' });
    expect(find('poli tika')).toBeNull();
  });

  it('anchors phrases in ASCII at word boundaries, and others nowhere', () => {
    expect(find('geopolitika')).toBeNull();
    expect(find('politikas')).toBeNull();
    expect(find('网站隐私政策')).toEqual({ index: 2, phrase: '隐私政策' });
  });

  it('rejects a phrase too short to index', () => {
    expect(() => phraseFinder(['a'])('a')).toThrow(/too short/);
  });
});
