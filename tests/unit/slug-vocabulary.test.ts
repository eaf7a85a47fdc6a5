import { describe, expect, it } from 'vitest';
import { detectFromUrl } from '../../lib/analysis/detect';
import { SLUG_VOCABULARY } from '../../lib/analysis/slug-vocabulary';
import { slugVocabulary } from '../../scripts/detect/write-slug-vocabulary';

describe('slug vocabulary', () => {
  it('is the one generated from data/vocabulary', () => {
    const generated = slugVocabulary('data/vocabulary');
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
    ['https://www.example.vn/chinhsachbaomat', 'privacy-policy'],
    ['https://www.example.com.br/institucional/termosdeservico', 'terms-of-service'],
    [
      'https://www.example.bg/%D0%BF%D0%BE%D0%BB%D0%B8%D1%82%D0%B8%D0%BA%D0%B0-%D0%B7%D0%B0-%D0%BF%D0%BE%D0%B2%D0%B5%D1%80%D0%B8%D1%82%D0%B5%D0%BB%D0%BD%D0%BE%D1%81%D1%82',
      'privacy-policy',
    ],
    [
      'https://www.example.co.th/%E0%B8%99%E0%B9%82%E0%B8%A2%E0%B8%9A%E0%B8%B2%E0%B8%A2%E0%B8%84%E0%B8%A7%E0%B8%B2%E0%B8%A1%E0%B9%80%E0%B8%9B%E0%B9%87%E0%B8%99%E0%B8%AA%E0%B9%88%E0%B8%A7%E0%B8%99%E0%B8%95%E0%B8%B1%E0%B8%A7',
      'privacy-policy',
    ],
    [
      'https://www.example.co.il/%D7%AA%D7%A7%D7%A0%D7%95%D7%9F-%D7%94%D7%90%D7%AA%D7%A8',
      'terms-of-service',
    ],
  ])('names %s a %s, glued or in its own script', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it('reads names in their own scripts from titles', () => {
    expect(
      detectFromUrl('https://example.jp/p/1', '特定商取引法に基づく表記 | ショップ'),
    ).toMatchObject({
      isPolicy: true,
      documentType: 'other-policy',
    });
    expect(detectFromUrl('https://example.ua/p/1', 'Умови використання — Банк')).toMatchObject({
      isPolicy: true,
      documentType: 'terms-of-service',
    });
    // Too plain to name a document (native-names.json, too_generic): a headline about a law.
    expect(detectFromUrl('https://news.example.jp/a/1', '個人情報保護法の改正').isPolicy).toBe(
      false,
    );
  });

  it.each([
    'https://www.example-news.hr/politika/izbori-2024',
    'https://www.example.hr/kolacici-recept',
    'https://dex.example.ro/definitie/confidentialitate',
  ])('leaves %s alone', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });
});
