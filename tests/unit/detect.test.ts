import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectFromText, detectFromUrl, detectPolicyPage } from '../../lib/analysis/detect';
import { detectLanguage, otherLanguageNotice } from '../../lib/analysis/language';

function doc(head: string, body: string): Document {
  return parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`)
    .document as unknown as Document;
}

describe('detectFromUrl', () => {
  it.each([
    ['https://www.example.com/privacy', 'privacy-policy'],
    ['https://example.com/legal/privacy-policy', 'privacy-policy'],
    ['https://example.de/datenschutzerklaerung', 'privacy-policy'],
    ['https://example.fr/politique-de-confidentialite', 'privacy-policy'],
    ['https://example.es/politica-de-privacidad', 'privacy-policy'],
    ['https://example.com/policies/cookie-policy/', 'cookie-policy'],
    ['https://example.com/terms-of-service', 'terms-of-service'],
    ['https://example.de/agb', 'terms-of-service'],
    ['https://example.it/termini-di-servizio', 'terms-of-service'],
    ['https://example.pl/regulamin', 'terms-of-service'],
    ['https://example.com/legal/aup', 'acceptable-use-policy'],
    ['https://example.com/policies/usage-policies', 'acceptable-use-policy'],
    ['https://example.com/legal/commercial-terms', 'commercial-terms'],
    ['https://example.com/legal/dpa', 'data-processing-agreement'],
    ['https://example.com/community-guidelines', 'community-guidelines'],
    ['https://example.com/en-us/privacystatement', 'privacy-policy'],
  ])('%s is a policy of type %s', (url, type) => {
    const detection = detectFromUrl(url);
    expect(detection.isPolicy).toBe(true);
    expect(detection.documentType).toBe(type);
    expect(detection.decidedBy).toBe('url');
  });

  it.each([
    'https://example.com/',
    'https://example.com/blog/privacy-tips',
    'https://example.com/blog/2024/05/our-new-terms',
    'https://example.com/search?q=privacy',
    'https://www.google.com/search?q=privacy+policy',
    'https://example.com/settings/privacy',
    'https://example.com/privacy/checkup',
    'https://example.com/recipes/chocolate-chip-cookies',
    'https://news.example.com/2024/03/12/privacy-regulators-fine',
    'https://example.com/docs/api/privacy-endpoints',
    'https://en.wikipedia.org/wiki/Privacy_policy',
    'https://example.com/pricing',
    'not a url',
  ])('%s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://help.example.com/s/article/alcohol-policy', 'other-policy'],
    ['https://support.example.com/creators/article/acme-partner-program-terms/', 'other-policy'],
    ['https://help.example.com/hc/en-us/articles/1150046-Acme-Terms-of-Use', 'terms-of-service'],
    ['https://adshelp.example.com/s/article/advertising-policies-UK', 'other-policy'],
    ['https://example.com/rules-and-policies/acme-cookies', 'cookie-policy'],
    ['https://example.com/rules-and-policies/personal-information', 'community-guidelines'],
    ['https://gdpr.example.com/en.html', 'privacy-policy'],
    ['https://example.com/enterprise-privacy/', 'privacy-policy'],
    ['https://developers.example.com/terms', 'commercial-terms'],
    ['https://docs.example.com/developer-terms/ppu-agreement', 'commercial-terms'],
  ])('%s names its policy in its own slug (%s)', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://help.example.com/s/article/how-to-write-a-privacy-policy',
    'https://help.example.com/articles/setting-your-cancellation-policy',
    'https://help.example.com/hc/en-us/articles/123-reset-your-password',
    'https://help.example.com/article/privacy/reset-password',
    'https://example.com/blog/our-new-acceptable-use-policy',
    'https://example.com/blog/community-guidelines',
    'https://insurer.example/home-insurance-policy',
    'https://thinktank.example/climate-policy',
    'https://developer.example.com/ui-design-guidelines',
  ])('%s is a help article or a post, not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://example.pl/regulamin-sklepu', 'terms-of-service'],
    ['https://example.pl/polityka-prywatnosci-i-cookies', 'privacy-policy'],
    ['https://example.com/privacy-and-cookie-policy', 'privacy-policy'],
    ['https://example.it/termini-e-condizioni', 'terms-of-service'],
    ['https://example.fr/conditions-generales-de-vente', 'terms-of-service'],
    ['https://example.dk/cookiepolitik', 'cookie-policy'],
    ['https://example.fi/tietosuojaseloste', 'privacy-policy'],
    ['https://example.cz/obchodni-podminky', 'terms-of-service'],
    ['https://example.tr/gizlilik-politikasi', 'privacy-policy'],
    ['https://example.de/impressum', 'other-policy'],
    ['https://example.fr/mentions-legales', 'other-policy'],
    ['https://shop.example.com/policies/terms-of-service', 'terms-of-service'],
    ['https://example.com/legal/document?name=privacy-notice', 'privacy-policy'],
    ['https://example.com/index.php?page=datenschutz', 'privacy-policy'],
    ['https://example.com/en/legal/terms-of-use.pdf', 'terms-of-service'],
    ['https://example.com/honor-code', 'community-guidelines'],
    ['https://example.com/policies/hate-speech', 'community-guidelines'],
    ['https://example.com/moderation-policy', 'community-guidelines'],
    ['https://example.com/legal/seller-terms', 'commercial-terms'],
    ['https://example.com/legal/ccpa', 'privacy-policy'],
  ])('second round: %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://github.com/someone/privacy-policy',
    'https://github.com/someone/app/blob/main/PRIVACY.md',
    'https://example.com/dictionary/english/privacy-policy',
    'https://example.com/create/privacy-policy',
    'https://example.com/papers/privacy-policy-analysis.pdf',
    'https://example.com/brand-guidelines',
    'https://example.com/product?id=privacy-screen',
    'https://example.com/s?k=privacy+policy',
    'https://example.com/settings/privacy',
    'https://example.com/privacy-center',
    'https://example.com/privacy-and-security-tips',
    'https://example.com/tech/20240301/9531234/nueva-politica-de-privacidad.html',
    'https://example.com/high-tech/la-cnil-et-la-politique-de-confidentialite-20240115',
    'https://example.com/case-studies/privacy',
    'https://apps.apple.com/us/app/privacy-policy/id123',
  ])('second round: %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example.com/cookiepolicy/', 'cookie-policy'],
    ['https://example.com/Legal/PrivacyPolicy', 'privacy-policy'],
    ['https://www.acme.de/acme-agb/', 'terms-of-service'],
    [
      'https://example.com/help/article/acme-com-terms-of-use/3b75080af40340d6bbd596f116fae5a0',
      'terms-of-service',
    ],
    ['https://example.com/legal/policy/cookies-tracking-technologies/44797645975', 'cookie-policy'],
    ['https://example.com/help/articles/privacy-notice-gb', 'privacy-policy'],
    ['https://example.com/Privacy-Security-Policy-a-282.html', 'privacy-policy'],
    ['https://example.fr/politique-de-protection-des-donnees-personnelles', 'privacy-policy'],
    ['https://example.fr/aide/donnees-personnelles', 'privacy-policy'],
    ['https://example.pl/klauzula-informacyjna-rodo/', 'privacy-policy'],
    ['https://example.pl/0,0.html?politykaprywatnosci', 'privacy-policy'],
    ['https://example.ar/ayuda/terminos-y-condiciones-de-uso_991', 'terms-of-service'],
    ['https://foundation.example.org/wiki/Policy:Privacy_policy', 'privacy-policy'],
    ['https://example.app/legal/us/en-us/privacy', 'privacy-policy'],
    ['https://www.example.com/us/account/privacy-policy/', 'privacy-policy'],
    ['https://store.example.com/subscriber_agreement/', 'terms-of-service'],
    ['https://example.com/privacy/browser/', 'privacy-policy'],
    [
      'https://example.com/help/privacy-and-cookies/privacy-centre/privacy-policy/',
      'privacy-policy',
    ],
    ['https://example.com/privacy/cookie-policy', 'cookie-policy'],
    ['https://example.com/legal/community', 'community-guidelines'],
    ['https://example.com/legal/sellers', 'commercial-terms'],
    ['https://example.com/legal/prohibited', 'acceptable-use-policy'],
    ['https://example.com/terms/data-processing', 'data-processing-agreement'],
    ['https://example.com/legal/terms-of-service-agreement', 'terms-of-service'],
    ['https://example.com/rules-and-policies/copyright-policy', 'other-policy'],
    ['https://support.example.com/en/articles/123-law-enforcement-requests', 'other-policy'],
    ['https://example.com/conduct', 'community-guidelines'],
  ])('third round: %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://example.com/topic/privacy-policies',
    'https://www.example.de/thema/datenschutz/',
    'https://example.com/tagged/terms%20of%20service',
    'https://example.com/course/gdpr-privacy-policy/',
    'https://example.com/entries/privacy/',
    'https://example.com/terms/p/privacy-policy.asp',
    'https://example.com/Write-a-Privacy-Policy',
    'https://example.com/tools/policy-generator/terms-and-conditions',
    'https://example.com/legal-encyclopedia/terms-conditions-website.html',
    'https://example.com/account-settings/privacy',
    'https://example.com/faq/privacy',
    'https://example.com/suche/datenschutzfolie/',
    'https://example.com/de/produkte/datenschutzfolie',
    'https://docs.example.com/privacy/data-retention',
    'https://learn.example.com/en-us/azure/privacy/overview',
    'https://example.com/docs/security/content-security-policy',
    'https://docs.example.com/IAM/latest/UserGuide/access_policies.html',
    'https://example.com/privacy/features/',
    'https://example.com/business/trust/security',
    'https://partner.example.com/help/policies/setting-your-cancellation-policy',
    'https://example.com/crates/cookie',
    'https://example.com/plugins/cookie-notice/',
    'https://www.example.com/technology/privacy',
    'https://example.org/tecnologia/consejos/politica-de-privacidad',
  ])('third round: %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example.com/about/privacy.mi', 'privacy-policy'],
    ['https://www.example.com/legal/online-access-agreement/', 'terms-of-service'],
    ['https://legal.example.com/en/privacy-policy/', 'privacy-policy'],
    ['https://www.example.com/law-enforcement-guidelines', 'other-policy'],
    ['https://www.example.com/agreements/global/cloud-services', 'other-policy'],
    ['https://example.cz/ochrana-udaju/', 'privacy-policy'],
    ['https://www.example.com.tr/kisisel-verilerin-korunmasi', 'privacy-policy'],
    [
      'https://www.example.com/site/help-topics/privacy-policy/pcmcat2044.c?id=pcmcat2044',
      'privacy-policy',
    ],
    ['https://www.example.com/browse/customer-service/policy/privacy', 'privacy-policy'],
    ['https://agb-server.example.net/exampleagb', 'terms-of-service'],
    ['https://www.example.de/cms/datenschutz-4052020.html', 'privacy-policy'],
  ])('third round, second pass: %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.dictionary.example/browse/privacy',
    'https://www.example.com/rechtschreibung/Datenschutz',
    'https://www.example.com/definition/english/cookie',
    'https://www.lawforms.example/contracts/privacy-policy/',
    'https://www.legaltemplates.example/form/privacy-policy/',
    'https://privacy-policy-generator.example.app/',
    'https://gitee.com/someone/privacy-policy',
    'https://registry.example/@std/http/doc/cookie/~',
    'https://careers.example.com/us/en/job/R-123456/Director-Privacy-Policy',
    'https://www.example.com/user/edit/privacy/',
    'https://www.example.nl/klantenservice/veelgestelde-vragen/privacy-en-cookies',
    'https://www.example.com/whatsapp-privacy-policy-1187532/',
    'https://www.example.gov/yose/planyourvisit/conditions.htm',
    'https://www.example.ca/en/privacy-topics/privacy-policies/',
    'https://www.example.com/privacidad/que-es-el-rgpd-y-como-te-afecta',
    'https://privacycg.example.io/storage-access/',
    'https://privacyportal.example.com/webform/abc123/def456',
  ])('third round, second pass: %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example.com/terms-conditions-of-use.html', 'terms-of-service'],
    ['https://www.example.co.uk/terms-and-conditions-of-sale', 'terms-of-service'],
    ['https://acme.example.site/Privacy-Policy-7f3c2a91d4be4e0c9a8d1f2b3c4d5e6f', 'privacy-policy'],
    ['https://www.example.org/notice-of-privacy-practices', 'privacy-policy'],
  ])('fourth round (studied on fresh3 half-b): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.example.fr/protection-des-donnees/politique-de-confidentialite-modele',
    'https://www.example.com.br/termos-de-uso-modelo',
    'https://www.example.de/datenschutzerklaerung-vorlage',
    'https://www.example.es/politica-de-privacidad-ejemplo',
    'https://acme.example.site/Privacy-Policy-Checklist-7f3c2a91d4be4e0c9a8d1f2b3c4d5e6f',
  ])('fourth round (studied on fresh3 half-b): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://static.example-rail.co.uk/general-conditions-of-carriage.pdf', 'terms-of-service'],
    ['https://www.example-treni.it/it/condizioni-generali-di-trasporto', 'terms-of-service'],
    ['https://www.example-bahn.de/befoerderungsbedingungen', 'terms-of-service'],
    ['https://www.example.es/condiciones-generales-contratacion', 'terms-of-service'],
    ['https://pages.example.dev/terms.md', 'terms-of-service'],
    ['https://www.example.pl/cms/regulamin-sklepu.bhtml', 'terms-of-service'],
    ['https://www.example-amt.de/DE/Impressum/impressum_node.html', 'other-policy'],
    ['https://www.example.it/footer/note-legali/index.html', 'other-policy'],
    ['https://m.example.cn/help/app/private_policy.html', 'privacy-policy'],
    ['https://example.jp/guideline', 'community-guidelines'],
  ])('fifth round (studied on fresh4): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.example-images.com/photos/privacy',
    'https://example-stock.com/s/photos/privacy-policy',
    'https://www.example.fm/music/Some+Band/_/Privacy',
    'https://www.example-lingua.it/vocabolario/privacy/',
    'https://sjp.example.pl/slowniki/regulamin.html',
    'https://dict.example.org/englisch-deutsch/Impressum',
    'https://learn.example.com/en-us/cloud/governance/policy/overview',
  ])('fifth round (studied on fresh4): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example.no/brukervilkar', 'terms-of-service'],
    ['https://example.cz/prepravni-podminky', 'terms-of-service'],
    ['https://www.example.hu/portal/hu/adatvedelem', 'privacy-policy'],
    ['https://example.hu/impresszum', 'other-policy'],
    ['https://www.example.gr/cs/gr/prosopika_dedomena.html', 'privacy-policy'],
    ['https://www.example.ro/info/politica-de-cookie-uri', 'cookie-policy'],
    ['https://www.example.ro/info/prelucrarea-datelor-cu-caracter-personal', 'privacy-policy'],
    ['https://www.example.es/condiciones-de-compra/', 'terms-of-service'],
    ['https://www.example.com.tr/s/uyelik-sozlesmesi', 'terms-of-service'],
    ['https://example.ru/politika-konfidencialnosti', 'privacy-policy'],
    ['https://example.ru/пользовательское-соглашение', 'terms-of-service'],
    ['https://www.example.ca/page/terms-use', 'terms-of-service'],
    ['https://legal.example.com/docs/terms', 'terms-of-service'],
    ['https://console.example.com/docs/legal/services-agreement', 'commercial-terms'],
    ['https://accounts.example.com/legal/privacy-policy', 'privacy-policy'],
    ['https://www1.example.de/hilfe/datenschutz102.html', 'privacy-policy'],
    ['https://www.example.de/service/impressum-2002022', 'other-policy'],
    ['https://docs.readthedocs.io/en/stable/privacy-policy.html', 'privacy-policy'],
    ['https://privacy.example.co.uk/', 'privacy-policy'],
  ])('sixth round (studied on fresh5): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://accounts.example.com/privacy',
    'https://console.example.com/settings/privacy',
    'https://www.privacy.org.nz/',
    'https://habit-tracker.example.app/',
    'https://cookie-consent.readthedocs.io/en/latest/',
    'https://docs.rs/cookie/latest/cookie/',
    'https://www.example-words.com/words/privacy',
    'https://www.example-synonyme.de/synonyme/Datenschutz',
    'https://www.example-words.com/what-is/another-word-for/privacy.html',
    'https://www.example-money.com/loans/personal-loans/loan-terms/',
    'https://www.example-maths.com/algebra/like-terms/',
    'https://www.example-recht.de/datenschutz/generatoren/datenschutzerklaerung/',
  ])('sixth round (studied on fresh5): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example-rail.se/kundtjanst/transportvillkor', 'terms-of-service'],
    ['https://www.example-tog.no/reisevilkar', 'terms-of-service'],
    ['https://www.example-kauppa.fi/toimitusehdot', 'terms-of-service'],
    ['https://www.example-news.gr/oroi-xrhshs/', 'terms-of-service'],
    ['https://www.example-news.gr/politiki-aporrhtou', 'privacy-policy'],
    ['https://www.example-bolt.hu/adatvedelmi-nyilatkozat', 'privacy-policy'],
    ['https://www.example-bank.com.ua/polityka-konfidentsiinosti', 'privacy-policy'],
    ['https://www.example-shop.jp/company/kojinjoho.html', 'privacy-policy'],
    ['https://www.example-shop.jp/riyou-kiyaku/', 'terms-of-service'],
    ['https://www.example-game.co.kr/member/stipulation.aspx', 'terms-of-service'],
    ['https://www.example-air.com/travel-info/contract-of-carriage', 'terms-of-service'],
    ['https://www.example.com.br/politica-de-trocas-e-devolucoes', 'other-policy'],
    ['https://www.example.vn/chinh-sach-hoan-tien', 'other-policy'],
    ['https://www.example.pt/Paginas/avisos-legais.aspx', 'other-policy'],
    ['https://www.example.com/legal/website-terms-and-conditions', 'terms-of-service'],
    ['https://www.example.com/privacy-policy-individuals', 'privacy-policy'],
    ['https://www.example.com/terms-of-service-enterprise', 'commercial-terms'],
    ['https://help.acme.example/hc/articles/acme-community-guideline', 'community-guidelines'],
    ['https://www.example.com/legal/#cookie-policy', 'cookie-policy'],
    ['https://app.example.io/#/terms-of-service', 'terms-of-service'],
    ['https://example.carrd.co/#terms', 'terms-of-service'],
    ['https://www.example.de/portal/help?pageName=impressum', 'other-policy'],
  ])('seventh round (studied on fresh6): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.example.pl/regulaminy/',
    'https://www.example-telco.pt/particulares/centro-de-privacidade/',
    'https://www.example.de/datenschutz-zentrum',
    'https://www.example-herald.com/money/insurers-change-terms-for-drivers/',
    'https://www.example-woerter.de/uebersetzung-englisch-deutsch/Datenschutz',
    'https://www.example-lingua.it/dizionario/italiano/privacy',
    'https://www.exampledictionary.com/privacy',
    'https://www.example.com/blog/launch-notes#privacy-policy',
    'https://www.example.com/features#privacy',
  ])('seventh round (studied on fresh6): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example-bank.com.br/institucional/termos-de-uso.shtm', 'terms-of-service'],
    ['https://www.example-jornal.com.br/termo-de-uso', 'terms-of-service'],
    ['https://www.example-loja.com.br/ajuda/termos-e-condicoes-gerais-de-uso', 'terms-of-service'],
    ['https://www.example-comboios.pt/condicoes-gerais-de-transporte', 'terms-of-service'],
    ['https://www.example-lotto.gr/oroi-kai-propotheseis', 'terms-of-service'],
    ['https://www.example-post.ua/docs/umovy-nadannia-posluh.pdf', 'terms-of-service'],
    ['https://www.example-shop.co.il/takanon', 'terms-of-service'],
    ['https://www.example-obchod.cz/reklamacni-podminky', 'other-policy'],
    ['https://www.example-sklep.pl/polityka-zwrotow', 'other-policy'],
    ['https://www.example-telekom.de/hilfe/datenschutz-und-privatsphaere', 'privacy-policy'],
    ['https://www.example-vakuutus.fi/tietosuojaseloste-asiakkaille', 'privacy-policy'],
    ['https://www.example.com/privacy-policy-customers', 'privacy-policy'],
    ['https://www.example-ai.com/responsible-use-policy', 'acceptable-use-policy'],
    ['https://www.example-bank.com/digital-banking-services-agreement', 'terms-of-service'],
    ['https://www.example-bank.com/legal/online-services-agreement', 'terms-of-service'],
    ['https://www.example-operator.com.tr/gizlilik-ve-cerez-politikasi', 'privacy-policy'],
  ])('eighth round (studied on fresh7): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://dicionario.example.pt/privacidade',
    'https://www.example-diccionario.es/definicion/privacidad',
    'https://www.example-authority.it/temi/privacy',
    'https://www.example.com/blog/responsible-use-of-ai',
  ])('eighth round (studied on fresh7): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example-vpn.com/term-of-use', 'terms-of-service'],
    ['https://www.example-times.co.in/termsandcondition.cms', 'terms-of-service'],
    ['https://www.example-shoes.com/shipping-and-returns', 'other-policy'],
    ['https://www.example-coach.com/legal/terms-of-carriage', 'terms-of-service'],
    ['https://www.example.ca/en/privacy-centre/privacy-statement.page', 'privacy-policy'],
    ['https://www.example-rail.at/wp-content/uploads/2023/05/Agb_2023.pdf', 'terms-of-service'],
    ['https://www.example-air.pl/warunki-przewozu', 'terms-of-service'],
    ['https://www.example-sklep.pl/regulamin-sklepu-internetowego', 'terms-of-service'],
    ['https://www.example-shop.jp/tokushoho.html', 'other-policy'],
    ['https://www.example.cn/help/yinsi-zhengce', 'privacy-policy'],
    ['https://www.example.cn/fuwu-xieyi', 'terms-of-service'],
    ['https://www.example-banka.cz/zasady-pouzivani-cookies', 'cookie-policy'],
    ['https://www.example-auktion.se/anvandaravtal', 'terms-of-service'],
    ['https://www.example.dk/brugervilkaar', 'terms-of-service'],
    ['https://www.example.hu/cookie-szabalyzat', 'cookie-policy'],
    ['https://www.example-vasut.hu/uzletszabalyzat', 'terms-of-service'],
    ['https://www.example.ro/politica-de-returnare', 'other-policy'],
    ['https://www.example-air.vn/dieu-le-van-chuyen', 'terms-of-service'],
    ['https://www.example.no/personvern/informasjonskapsler', 'cookie-policy'],
  ])('ninth round (studied on fresh8): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.example-zeitung.de/digital/2023-11/datenschutz-cookie-banner-urteil',
    'https://www.example-authority.fr/dossiers-thematiques/cookies',
    'https://www.examplereference.com/enes/privacy',
    'https://www.example.com/privacy-centre',
    'https://www.example.com/privacy-hub/choices',
  ])('ninth round (studied on fresh8): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it.each([
    ['https://www.example-rail.co.uk/help-and-support/conditions-of-travel', 'terms-of-service'],
    ['https://www.example-ferries.gr/en/general-conditions-of-carriage', 'terms-of-service'],
    ['https://www.example-bus.in/info/terms-condition', 'terms-of-service'],
  ])('tenth round (studied on fresh11): %s is %s', (url, type) => {
    expect(detectFromUrl(url)).toMatchObject({ isPolicy: true, documentType: type });
  });

  it.each([
    'https://www.example-weather.com/travel/road-conditions-of-travel-today',
    'https://www.example-news.com/blog/2024/05/conditions-of-travel-explained',
  ])('tenth round (studied on fresh11): %s is not a policy', (url) => {
    expect(detectFromUrl(url).isPolicy).toBe(false);
  });

  it('uses the title when the URL says nothing, and a question title vetoes', () => {
    expect(detectFromUrl('https://example.com/p/123', 'Privacy Policy – Acme').documentType).toBe(
      'privacy-policy',
    );
    expect(
      detectFromUrl('https://example.com/privacy', 'How to read a privacy policy?').isPolicy,
    ).toBe(false);
  });
});

describe('detectPolicyPage', () => {
  it('reads Korean and Japanese names in addresses, titles and headings', () => {
    expect(
      detectFromUrl(
        'https://example.kr/%EA%B0%9C%EC%9D%B8%EC%A0%95%EB%B3%B4%EC%B2%98%EB%A6%AC%EB%B0%A9%EC%B9%A8',
      ),
    ).toMatchObject({ isPolicy: true, documentType: 'privacy-policy' });
    expect(
      detectFromUrl('https://example.jp/p/123', 'プライバシーポリシー | 株式会社'),
    ).toMatchObject({ isPolicy: true, documentType: 'privacy-policy' });
    const page = doc('<title>예시</title>', '<h1>서비스 이용약관</h1><p>제1조</p>');
    expect(detectPolicyPage(page, 'https://example.kr/page/7')).toMatchObject({
      isPolicy: true,
      documentType: 'terms-of-service',
    });
  });

  it('finds a policy at an odd URL from its h1', () => {
    const page = doc('<title>Acme</title>', '<h1>Privacy Policy</h1><p>We collect data.</p>');
    const detection = detectPolicyPage(page, 'https://acme.example/legal/abc');
    expect(detection).toMatchObject({ isPolicy: true, documentType: 'privacy-policy' });
  });

  it('recognises the page a <link rel="terms-of-service"> points to', () => {
    const page = doc(
      '<title>Acme</title><link rel="terms-of-service" href="/x/1">',
      '<p>Welcome.</p>',
    );
    expect(detectPolicyPage(page, 'https://acme.example/x/1')).toMatchObject({
      isPolicy: true,
      documentType: 'terms-of-service',
    });
    expect(detectPolicyPage(page, 'https://acme.example/x/2').isPolicy).toBe(false);
  });

  it('does not read the body of an ordinary page', () => {
    const page = doc('<title>Acme shoes</title>', '<h1>Shoes</h1>');
    Object.defineProperty(page.body, 'textContent', {
      get() {
        throw new Error('body text was read');
      },
    });
    expect(detectPolicyPage(page, 'https://acme.example/shoes/red').isPolicy).toBe(false);
  });

  it('reads a bounded slice of a huge body, never the whole text', () => {
    const prose = 'We collect personal data. Your rights under the GDPR. '.repeat(1_000);
    const page = doc('<title></title>', `<p>${prose}</p><p>tail</p>`);
    Object.defineProperty(page.body, 'textContent', {
      get() {
        throw new Error('the whole body text was read');
      },
    });
    const tail = page.body.lastElementChild!.firstChild!;
    Object.defineProperty(tail, 'nodeValue', {
      get() {
        throw new Error('text past the sample was read');
      },
    });
    expect(prose.length).toBeGreaterThan(30_000);
    expect(detectPolicyPage(page, 'https://acme.example/legal/')).toMatchObject({
      isPolicy: true,
      documentType: 'privacy-policy',
      decidedBy: 'body',
    });
  });

  it('trusts the URL over a generic heading', () => {
    const page = doc('<title>Legal</title>', '<h1>Legal</h1>');
    expect(detectPolicyPage(page, 'https://acme.example/cookies')).toMatchObject({
      isPolicy: true,
      documentType: 'cookie-policy',
    });
  });
});

describe('detectFromText', () => {
  it('decides from the title, then from policy phrases', () => {
    expect(detectFromText('…', 'Terms of Service').documentType).toBe('terms-of-service');
    const prose = 'We collect personal data. Your rights under the GDPR. '.repeat(10);
    expect(detectFromText(prose, null)).toMatchObject({
      isPolicy: true,
      documentType: 'privacy-policy',
    });
    expect(detectFromText('A story about a dog.', null).isPolicy).toBe(false);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['We collect your personal data and share it with our partners for these purposes.', 'en'],
    ['Wir verarbeiten Ihre personenbezogenen Daten und geben sie nicht an Dritte weiter.', 'de'],
    ['Nous collectons vos données personnelles et les partageons avec nos partenaires.', 'fr'],
    [
      'Recopilamos sus datos personales y los compartimos con nuestros socios para estos fines.',
      'es',
    ],
    [
      'Raccogliamo i tuoi dati personali e li condividiamo con i nostri partner per questi scopi.',
      'it',
    ],
    ['Zbieramy Twoje dane osobowe i udostępniamy je naszym partnerom w tych celach.', 'pl'],
    [
      'Coletamos seus dados pessoais e os compartilhamos com nossos parceiros para esses fins.',
      'pt',
    ],
    [
      'Wij verzamelen uw persoonsgegevens en delen deze met onze partners voor deze doeleinden.',
      'nl',
    ],
    ['我们收集您的个人信息，并与合作伙伴共享。', 'zh'],
    ['当社はお客様の個人情報を収集し、パートナーと共有します。', 'ja'],
  ])('%s is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('ignores domain names and says und for too little text', () => {
    expect(detectLanguage('chatgpt.com openai.com and the cookies you set for your session')).toBe(
      'en',
    );
    expect(detectLanguage('')).toBe('und');
  });

  it('has the reader of a page in another language told that its clauses are not checked', () => {
    const notice = otherLanguageNotice(
      detectLanguage('我们收集您的个人信息，并与合作伙伴共享。'),
      1,
    );
    expect(notice).toContain('written in Chinese');
    expect(notice).toContain('reads English only');
    expect(otherLanguageNotice('ru', 40)).toContain('Cyrillic script');
    expect(otherLanguageNotice('en', 40)).toBeNull();
    // A long page in a language the detector does not know (here Welsh) is not English either.
    const welsh =
      'Rydym yn casglu eich data personol pan fyddwch yn defnyddio ein gwasanaethau ar-lein.';
    expect(detectLanguage(welsh)).toBe('und');
    expect(otherLanguageNotice(detectLanguage(welsh), 40)).toContain(
      'does not seem to be written in English',
    );
    expect(otherLanguageNotice('und', 3)).toBeNull();
  });

  it('tells the reader of a German, Italian or Polish page that its terms are read and the rest is not', () => {
    const german = otherLanguageNotice('de', 40);
    expect(german).toContain('written in German');
    expect(german).toContain('a model learnt from German terms of service');
    expect(german).toContain('privacy and AI-training analysis reads English only');
    expect(otherLanguageNotice('pl', 40)).toContain('Polish terms of service');
    // When the model could not be loaded, nothing was read.
    expect(otherLanguageNotice('de', 40, false)).toContain('automatic analysis reads English only');
    expect(otherLanguageNotice('fr', 40)).toContain('automatic analysis reads English only');
  });
});
