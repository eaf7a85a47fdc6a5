import { describe, expect, it } from 'vitest';
import { detectFromUrl } from '../../lib/analysis/detect';
import { SLUG_VOCABULARY } from '../../lib/analysis/slug-vocabulary';
import { slugVocabulary } from '../../scripts/detect/write-slug-vocabulary';

describe('slug vocabulary', () => {
  it('is the one generated from data/vocabulary/legal-slugs.json', () => {
    const generated = slugVocabulary('data/vocabulary/legal-slugs.json');
    expect(SLUG_VOCABULARY.map(([type, phrases]) => [type, [...phrases]])).toEqual([...generated]);
  });

  it.each([
    ['https://www.example.hr/izjava-o-privatnosti', 'privacy-policy'],
    ['https://www.example.lt/lt/privatumo-politika', 'privacy-policy'],
    ['https://www.example.bg/bg/obshti-usloviya', 'terms-of-service'],
    ['https://www.example.lv/privatuma-politika/', 'privacy-policy'],
    ['https://www.example.ee/privaatsuspoliitika', 'privacy-policy'],
    ['https://www.example.si/politika-zasebnosti.html', 'privacy-policy'],
    ['https://www.example.com.my/bm/dasar-privasi', 'privacy-policy'],
    ['https://www.example.co.ke/sw/sera-ya-faragha', 'privacy-policy'],
    ['https://www.example.al/politika-e-privatesise', 'privacy-policy'],
    ['https://www.example.is/personuverndarstefna', 'privacy-policy'],
    ['https://www.example.rs/uslovi-koriscenja', 'terms-of-service'],
    ['https://www.example.ge/konfidencialurobis-politika', 'privacy-policy'],
  ])('names %s a %s in its own language', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.example-news.hr/politika/izbori-2024',
    'https://www.example.hr/kolacici-recept',
    'https://dex.example.ro/definitie/confidentialitate',
  ])('leaves %s alone', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });
});
