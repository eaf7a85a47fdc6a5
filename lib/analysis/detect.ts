import type { DocumentType } from '../taxonomy';
import { decodeSafely, hashRoutePath, normalise } from './normalise';
import { headingCandidates, splitCamelCase, TITLE_LIMIT } from './page-gate';
import { type FoundPhrase, phraseFinder } from './phrase-finder';
import { SLUG_VOCABULARY } from './slug-vocabulary';
import { GLUED_RUN, GLUED_WORDS, isGluedRun, mayMatchType } from './type-gate';
import type { PolicyDetection } from './types';

// Everything is matched on a normalised form: lower case, accents stripped, separators (/ - _ . +)
// turned into single spaces, so "/legal/Datenschutzerklärung.html" reads "legal datenschutzerklarung html".

interface TypePattern {
  type: DocumentType;
  /** Matched against a normalised URL path segment or title. */
  pattern: RegExp;
}

// Most specific first: "cookie policy" must not be read as a privacy policy, nor "enterprise terms"
// as consumer terms, nor "law-enforcement-guidelines" as community guidelines.
export const TYPE_PATTERNS: readonly TypePattern[] = [
  {
    type: 'other-policy',
    pattern:
      /\b(?:law enforcement (?:guidelines|requests?|policy|support|information)|copyright (?:policy|notice)|dmca(?: policy| notice)?|(?:vulnerability|responsible) disclosure(?: policy)?|(?:politica de )?(?:trocas? e devolucoes|cambios y devoluciones|devolucoes|devoluciones|reembolsos?)|chinh sach (?:doi tra|hoan tien|van chuyen|bao hanh|giao hang)|widerrufsbelehrung|politique de retour|resi e rimborsi|reklamacni (?:rad|podminky)|reklamacny poriadok|polityka zwrotow|politica de retur(?:nare)?|shipping (?:and|&) returns|returns? (?:and|&) (?:refunds?|exchanges?)|tokushoho|tokutei ?shotorihiki\w*)\b/,
  },
  {
    type: 'data-processing-agreement',
    pattern:
      /\b(?:data ?processing(?: (?:agreement|addendum|terms|exhibit))?|dpa|processor terms|auftragsverarbeitung\w*|avv|data security terms|sub ?processors?|data protection (?:agreement|addendum))\b/,
  },
  {
    type: 'cookie-policy',
    pattern:
      /\b(?:(?:politica (?:de )?)?cookie uri|cookies?(?:(?: (?:and|&))? (?:similar |other )?(?:tracking )?(?:technologies|tracking))?(?: (?:policy|policies|notice|statement|richtlinien?|information|info|declaration|szabalyzat|tajekoztato))?|trackers?(?: policy)?|politique (?:relative aux |de |des |d )?(?:cookies|traceurs)|politica (?:de |sobre |sui |dei )?cookies?|cookie ?richtlinien?|cookiebeleid|cookieverklaring|polityka (?:plikow )?cookies?|cookieerklarung|cookiepolitik|cookie ?politikk?|cerez politikasi|suti (?:szabalyzat|tajekoztato)|zasady (?:pouzivani )?(?:souboru )?cookies?|informasjonskapsler|politica de cookies|zasady cookies|cookie tajekoztato)\b/,
  },
  {
    type: 'acceptable-use-policy',
    pattern:
      /\b(?:aup|acceptable ?use(?: policy)?|responsible use(?! of)(?: policy| guidelines)?|(?:prohibited )?use ?polic(?:y|ies)|usage ?polic(?:y|ies)|usage ?guidelines|prohibited ?uses?(?: policy)?|prohibited(?: (?:and )?restricted)?(?: (?:items|content|conduct|activities|businesses|products))?|restricted (?:businesses|items|products)|fair ?use(?: policy)?|nutzungsrichtlinien|politique d utilisation acceptable|politica de uso aceptable)\b/,
  },
  {
    type: 'commercial-terms',
    pattern:
      /\b(?:commercial ?terms of service|(?<!terms of |online |digital |electronic |mobile |banking )services? ?agreement|(?:business|commercial) ?(?:terms|agreement)|enterprise ?terms|terms(?: of service)? (?:for )?(?:enterprise|business|commercial)|customer ?(?:agreement|terms)|master ?(?:services? )?agreement|msa|api ?(?:terms|licen[cs]e(?: agreement)?)|developer ?(?:terms|agreement)|platform ?terms|(?:seller|merchant|vendor|partner) ?(?:agreement|terms)|sla|service ?level ?agreement)\b/,
  },
  {
    type: 'community-guidelines',
    pattern:
      /\b(?:community ?(?:guidelines?|standards|rules|policy|policies)|content ?(?:policy|policies|guidelines|standards)|code ?of ?conduct|(?:online )?conduct(?: policy)?|etiquette|participation ?guidelines|hono(?:u)?r ?code|house ?rules|guidelines?|rules|platform ?rules|rules ?of ?conduct|gemeinschaftsrichtlinien|community ?richtlinien|regles de la communaute|normas de la comunidad)\b/,
  },
  {
    type: 'privacy-policy',
    pattern:
      /\b(?:privacy(?:policy|statement|notice)?(?: (?:policy|policies|statement|notice|center policy|information|agreement|practices)| (?:and |& )?security (?:policy|notice|statement))?|data ?(?:policy|protection(?: (?:policy|notice|statement|information))?|privacy)|personal data(?:s| (?:policy|protection|notice))|personal information (?:protection|handling)(?: policy)?|datenschutz (?:(?:und|&) )?privatsph(?:a|ae)re|datenschutz(?:erklarung(?:en)?|erklaerung|hinweise?|informationen?|info|bestimmungen|richtlinien?|grundsatze|politik|policy)?|(?:politique de )?protection des donnees(?: personnelles| a caractere personnel)?|donnees personnelles|proteccion de datos(?: personales)?|protezione dei dati(?: personali)?|dati personali|protecao de dados(?: pessoais)?|dados pessoais|klauzula informacyjna(?: rodo)?|rodo|gegevensbescherming|persoonsgegevens|confidentialite|politique de confidentialite|vie privee|privacidad|aviso de privacidad|politica de privacidad|privacidade|politica de privacidade|informativa (?:sulla )?privacy|riservatezza|prywatnosci|polityka ?prywatnosci|ochrona danych|privacybeleid|privacyverklaring|privacyverklaring|integritetspolicy|personuppgifter|dataskydd|personvern|privatlivspolitik|personvernerklaering|tietosuoja\w*|ochrana (?:osobnich )?udaju|ochrana soukromi|gizlilik(?: politikasi| bildirimi| sozlesmesi)?|kisisel verilerin (?:korunmasi|islenmesi)|aydinlatma metni|kvkk|adatvedelmi (?:tajekoztato|nyilatkozat|szabalyzat|iranyelvek)|adatvedelm\w*|adatvedelem|adatkezelesi (?:tajekoztato|szabalyzat)|prosopika dedomena|prosopikon dedomenon|politiki aporr(?:itou|htou)|aporrito|prelucrarea datelor(?: cu caracter personal)?|protectia datelor(?: personale| cu caracter personal)?|politica de confidentialitate|ochrany osobnich udaju|ochrana osobnych udajov|ochrany osobnych udajov|kebijakan privasi|chinh sach bao mat|confidentiality(?: policy| notice| statement)?|politika konfidenc?t?s?ialnosti|polityka konfidentsiin\w*|kojin ?joho(?: hogo(?: ?hoshin)?)?|yinsi ?(?:zhengce|shengming|xieyi|tiaokuan)|(?:sa )?(?:hanterar|behandlar) vi (?:dina )?personuppgifter|(?:behandling|hantering) av personuppgifter|ccpa(?: notice| disclosures?)?|userprivacy|privacy ?protection|private (?:policy|notice))\b|隐私|隱私|プライバシー|개인정보|конфиденциальност|персональных данных|απορρητο|προσωπικα δεδομενα|الخصوصية|פרטיות/,
  },
  {
    type: 'terms-of-service',
    pattern:
      /\b(?:terms ?(?:and|&) ?conditions?(?: of (?:use|sale|service|purchase))?|term of (?:service|use)|terms of carriage|terms ?conditions?(?: of (?:use|sale|service|purchase))?|(?:general )?conditions of (?:travel|carriage|transport)|terms(?: (?:of )?(?:service|use|services|sale)(?: agreement)?)?|termsofuse|termsofservice|termsofsale|tos|tou|user ?agreement|useragreement|service ?agreement|(?:online|digital|electronic|mobile)(?: banking)? services? ?agreement|user ?terms|legal ?terms|eula|end user license agreement|license ?agreement|licen[cs]e|(?:web)?site ?terms(?: (?:(?:and |& )?conditions|of (?:use|service)))?|contract of carriage|standard form of agreement|stipulation|(?:riyou? ?)?kiyaku|yonghu ?xieyi|fuwu ?(?:xieyi|tiaokuan)|shiyong ?tiaokuan|oroi (?:chrisis|xrisis|xrhshs|metaforas|paroxis ypiresion|kai pro[yi]?potheseis)|umovy(?: (?:ta pravyla|vykorystannia|korystuvannia|obslugovuvannia|nadannia posluh))|takanon(?: (?:atar|shimush|ha ?atar))?|pravyla korystuvannia|contrato de transporte|(?:rese|transport|avtals|abonnemangs|medlems|kund|leverans|boknings|forsaljnings)villkor|(?:reise|transport|abonnements|medlems|leverings|kunde|kjops)vilkar|(?:rejse|abonnements|leverings|medlems|forretnings|brugs|kobs)betingelser|(?:matkustus|toimitus|sopimus|kuljetus|palvelu|tilaus|jasen|myynti|yleiset (?:sopimus)?)ehdot|conditions(?: (?:of use|of carriage|generales(?: (?:d utilisation|de vente|de transport))?|d utilisation))?|bef(?:o|oe)rderungsbedingungen|vervoersvoorwaarden|cgu|cgv|agb|nutzungsbedingungen|geschaftsbedingungen|allgemeine geschaftsbedingungen|terminos(?: y (?:condiciones|politicas))?(?: (?:de|del) (?:uso|servicios?))?|subscriber ?agreement|condiciones(?: de uso| de transporte| de (?:compra|venta|contratacion)| generales(?: (?:de )?(?:contratacion|uso|venta|transporte|compra))?)?|termos e condicoes gerais(?: de (?:uso|utilizacao|venda|servicos?))?|termos(?: e condicoes)?(?: de (?:uso|servicos?))?|termo de uso|condicoes gerais(?: de (?:uso|utilizacao|transporte|venda|servicos?))?|termini(?: (?:e condizioni|di (?:servizio|utilizzo|uso)))?|condizioni(?: (?:generali(?: di (?:vendita|utilizzo|servizio|trasporto))?|d uso|di utilizzo|di trasporto))?|regulamin\w*|(?:ogolne )?warunki (?:przewozu|korzystania(?: z serwisu)?|swiadczenia uslug|uslug)|voorwaarden|gebruiksvoorwaarden|algemene voorwaarden|villkor|anvandarvillkor|anvandaravtal|allmanna villkor|vilka?ar|brugervilka?ar|brukervilka?ar|bruksvilka?ar|salgsbetingelser|handelsbetingelser|kopvillkor|kayttoehdot|(?:vseobecne )?obchodni podminky|prepravni podminky|podminky (?:uziti|pouzivani)|(?:vseobecne )?obchodne podmienky|kullanim kosullari|kullanici sozlesmesi|uyelik sozlesmesi|mesafeli satis sozlesmesi|aszf|uzletszabalyzat|felhasznalasi feltetelek|altalanos szerzodesi feltetelek|termeni si conditii|termeni de utilizare|syarat dan ketentuan|ketentuan layanan|dieu khoan su dung|dieu khoan dich vu|dieu le van chuyen|polzovatelskoe soglashenie|publichnaya oferta|dogovor oferty|agreement)\b|用户协议|服务协议|使用条款|服务条款|利用規約|이용약관|пользовательское соглашение|условия использования|οροι χρησης|شروط الاستخدام|תנאי שימוש/,
  },
];

interface TypeFinder {
  type: DocumentType;
  /** The first match in a normalised URL path segment or title. */
  find: (normalised: string) => FoundPhrase | null;
}

/**
 * The detector's own patterns, then the names sites give their legal documents in other languages
 * (slug-vocabulary.ts), read after them: a phrase of both keeps the own pattern's type.
 */
export const TYPE_FINDERS: readonly TypeFinder[] = [
  ...TYPE_PATTERNS.map(({ type, pattern }) => ({
    type,
    find: (normalised: string) => {
      const match = pattern.exec(normalised);
      return match ? { index: match.index, phrase: match[0] } : null;
    },
  })),
  ...SLUG_VOCABULARY.map(([type, phrases]) => ({ type, find: phraseFinder(phrases) })),
];

/** URL path words that leave the page's nature open (it may be any policy, or none). */
const GENERIC_LEGAL =
  /^(?:legal|policies|policy|richtlinien|rechtliches|juridique|mentions legales|aviso legal|note legali|site policy|rules and policies|policies and guidelines|safety and privacy|safetyandprivacy|legal center|legal hub|governance|agreements|regulaminy)$/;

/** A provider's legal notice (German Impressum, French mentions légales, Spanish aviso legal). */
const IMPRINT =
  /^(?:impressum|impresszum|imprint|legal ?notices?|mentions legales|aviso legal|avisos? legais|avisos legales|nota legal|note legali|colofon|informacje prawne|pravni (?:informace|upozorneni)|yasal uyari|site ?notice)(?: (?:html?|php|aspx?))?$/;

/** Single-word matches say little on their own: they must fill the whole slug. */
const BARE_WORDS =
  /^(?:privacy|cookies?|terms|datenschutz\w*|licen[cs]e|agreement|conditions|guidelines?|rules|trackers?|aup|tos|tou|dpa|msa|sla|cgu|cgv|agb|eula|prohibited|conduct|etiquette|rodo|data processing)$/;

/** Generic phrases rank below specific ones when several segments match ("developer-terms/agreement"). */
const GENERIC_PHRASE = /^(?:terms|agreement|conditions|licen[cs]e|policy|user ?agreement)$/;

const HOST_NON_POLICY = new Set([
  'news',
  'newsroom',
  'blog',
  'community',
  'forum',
  'search',
  'status',
  'apps',
  'careers',
  'jobs',
  'dict',
  'dictionary',
  'dicionario',
  'diccionario',
  'dizionario',
  'dictionnaire',
  'woerterbuch',
  'slovnik',
  'sozluk',
]);

/** Host labels of a site's legal pages ("legal.", "privacycenter.", "policies."). */
const LEGAL_HOST =
  /^(?:privacy|legal|polic(?:y|ies)|terms|gdpr|trust)(?:center|centre|hub|portal)?$|^gdpr|gdpr$/;

/** Sections of a site where a page that mentions a policy is about it, not it. */
const NON_POLICY_SECTIONS = new Set([
  'blog',
  'blogs',
  'news',
  'newsroom',
  'press',
  'stories',
  'story',
  'posts',
  'post',
  'search',
  'tag',
  'tags',
  'topics',
  'category',
  'categories',
  'forum',
  'forums',
  'discussions',
  'questions',
  'podcast',
  'podcasts',
  'events',
  'webinars',
  'careers',
  'jobs',
  'insights',
  'magazine',
  'wiki',
  'watch',
  'video',
  'videos',
  'courses',
  'learn',
  'academy',
  'r',
  'q',
  'threads',
  'glossary',
  'reference',
  'package',
  'packages',
  'project',
  'projects',
  'aktuell',
  'nieuws',
  'actualites',
  'noticias',
  'notizie',
  'settings',
  'preferences',
  'dashboard',
  'admin',
  'console',
  'login',
  'signin',
  'signup',
  'register',
  'issue',
  'issues',
  'case studies',
  'insight',
  'publications',
  'publication',
  'papers',
  'paper',
  'whitepapers',
  'dictionary',
  'encyclopedia',
  'definitions',
  'create',
  'generator',
  'generators',
  'template',
  'templates',
  'samples',
  'muster',
  'modele',
  'topic',
  'thema',
  'themen',
  'tagged',
  'entries',
  'entry',
  'course',
  'lesson',
  'lessons',
  'tutorial',
  'tutorials',
  'crates',
  'gems',
  'plugins',
  'plugin',
  'addons',
  'add ons',
  'extensions',
  'suche',
  'recherche',
  'buscar',
  'busca',
  'ricerca',
  'zoeken',
  'szukaj',
  'clause',
  'clauses',
  'wissen',
  'ratgeber',
  'tipps',
  'tips',
  'advice',
  'consejos',
  'consigli',
  'conseils',
  'fiches pratiques',
  'faq',
  'faqs',
  'account settings',
  'book',
  'books',
  'film',
  'films',
  'movie',
  'movies',
  'album',
  'albums',
  'technology',
  'tecnologia',
  'technologie',
  'tecnologie',
  'hi tech',
  'high tech',
  'opinion',
  'culture',
  'science',
  'politics',
  'report',
  'reports',
  'research',
  'guidance',
  'lexikon',
  'lexicon',
  'vocabolario',
  'dictionnaire',
  'diccionario',
  'dicionario',
  'slownik',
  'slowniki',
  // Stock-media and music catalogues name items after their subject ("/photos/privacy").
  'photos',
  'photo',
  'music',
  'thesaurus',
  'definition',
  'definitie',
  'definicion',
  'definicao',
  'definizione',
  'definicija',
  'define',
  'meaning',
  'synonym',
  'synonyms',
  'synonyme',
  'another word for',
  'what is',
  'word',
  'words',
  'woord',
  'woorden',
  'generatoren',
  'generador',
  'generadores',
  'generateur',
  'generatore',
  'translation',
  'translate',
  'rechtschreibung',
  'woerterbuch',
  'worterbuch',
  'npm',
  'pypi',
  'maven',
  'nuget',
  'job',
  'career',
  'vacancy',
  'vacancies',
  'position',
  'positions',
  'webform',
  'edit',
  'form',
  'forms',
  'editable',
  'themas',
  'temi',
  'temas',
  'themes',
  'tematy',
  'dossiers thematiques',
  'thematiques',
  'veelgestelde vragen',
  'haufige fragen',
  'preguntas frecuentes',
  'domande frequenti',
  'questions frequentes',
  'perguntas frequentes',
]);

/**
 * Sections and hosts whose pages are rarely policies (accounts, shops, documentation): a page there
 * is one only when its own slug names a policy in full ("/account/privacy-policy",
 * "docs.example.com/privacy-policy"), or under a legal section ("/docs/legal/terms").
 */
const WEAK_SECTIONS = new Set([
  'account',
  'accounts',
  'shop',
  'store',
  'product',
  'products',
  'docs',
  'documentation',
  'userguide',
  'user guide',
  'concepts',
  'guide',
  'guides',
  'manual',
  'doc',
  'browse',
]);
const WEAK_HOSTS = new Set([
  'shop',
  'store',
  'docs',
  'learn',
  'documentation',
  'account',
  'accounts',
  'myaccount',
  'app',
  'console',
  'dashboard',
]);

/**
 * Words that make a section one of articles, references or tools even inside a longer name
 * ("/tools/policy-generator/…", "/legal-encyclopedia/…", "/uk-gdpr-guidance-and-resources/…").
 */
const SECTION_TOPIC_WORDS = new Set([
  'generator',
  'generators',
  'generatoren',
  'generador',
  'generadores',
  'generateur',
  'generatore',
  'template',
  'templates',
  'encyclopedia',
  'dictionary',
  'glossary',
  'guidance',
  'tutorial',
  'tutorials',
  'course',
  'courses',
  'blog',
  'news',
  'lexikon',
  'laws',
  'regulations',
  'themas',
  'faq',
  'contracts',
  // Translation dictionaries' sections ("/übersetzung-deutsch-englisch/AGB", "/dicionarios/…").
  'ubersetzung',
  'uebersetzung',
  'traduction',
  'traduccion',
  'traduzione',
  'traducao',
  'tlumaczenie',
  'vertaling',
  'dictionaries',
  'dicionarios',
  'diccionarios',
  'dizionario',
  'dizionari',
  'dictionnaires',
  'woordenboek',
  'ordbok',
  'ordbog',
  'sanakirja',
  'sozluk',
]);

/** Leaves that make a policy section's page a page about its subject. */
const HUB_LEAF = new Set(['features', 'feature', 'overview', 'about', 'highlights']);

/** Products a policy can be written for: "/privacy/browser" is the browser's privacy policy. */
const PRODUCT_WORDS = new Set([
  'browser',
  'extension',
  'extensions',
  'app',
  'apps',
  'mobile',
  'desktop',
  'search',
  'vpn',
  'wallet',
]);

/**
 * Help-centre article sections: most articles there are how-tos, but a policy published as one
 * ("/s/article/alcohol-policy") names itself in its own slug, which is then trusted.
 */
const ARTICLE_SECTIONS = new Set(['article', 'articles', 'artikel', 'answer', 'answers', 'kb']);

/** Words in a slug that make a page about a policy topic rather than a policy itself. */
const TOPIC_WORDS = new Set([
  // Templates and examples in other languages ("politique-de-confidentialite-modele").
  'modele',
  'modeles',
  'modelo',
  'modelos',
  'modello',
  'vorlage',
  'muster',
  'plantilla',
  'wzor',
  'exemple',
  'ejemplo',
  'beispiel',
  'tips',
  'guide',
  'guides',
  'how',
  'why',
  'what',
  'best',
  'template',
  'templates',
  'generator',
  'example',
  'examples',
  'sample',
  'checklist',
  'explained',
  'vs',
  'settings',
  'setting',
  'center',
  'centre',
  'centro',
  'centrum',
  'zentrum',
  'dashboard',
  'controls',
  'control',
  'tools',
  'tool',
  'faq',
  'faqs',
  'laws',
  'law',
  'day',
  'week',
  'matters',
  'report',
  'reports',
  'checkup',
  'check',
  'engineering',
  'research',
  'announcing',
  'introducing',
  'launch',
  'new',
  'our',
  'approach',
  'commitment',
  'commitments',
  'principles',
  'sandbox',
  'preferences',
  'manage',
  'request',
  'requests',
  'form',
  'portal',
  'choices',
  'options',
  'mode',
  'browser',
  'browsing',
  'extension',
  'screen',
  'filter',
  'tracking',
  'recipe',
  'recipes',
  'chocolate',
  'chip',
  'jar',
  'bake',
  'baking',
  'stats',
  'statistics',
  'pricing',
  'plans',
  'compare',
  'review',
  'reviews',
  'update',
  'updates',
  'change',
  'changes',
  'changed',
  'changing',
  'summary',
  'glossary',
  'definition',
  'meaning',
  'course',
  'training',
  'certification',
  'jobs',
  'engineer',
  'officer',
  'team',
  'program',
  'programs',
  'pdf',
  'que',
  'como',
  'comment',
  'wie',
  'warum',
  'perche',
  'cosa',
]);

/** Extra slug words that do not change a policy slug's meaning ("eu-privacy-policy", "privacy/full"). */
const NEUTRAL_WORDS = new Set([
  'eu',
  'eea',
  'uk',
  'us',
  'usa',
  'global',
  'international',
  'intl',
  'consumer',
  'consumers',
  'user',
  'users',
  'customer',
  'customers',
  'website',
  'web',
  'site',
  'app',
  'apps',
  'mobile',
  'online',
  'general',
  'full',
  'printable',
  'print',
  'current',
  'latest',
  'archive',
  'archived',
  'previous',
  'version',
  'v',
  'html',
  'htm',
  'php',
  'aspx',
  'asp',
  'jsp',
  'shtml',
  'index',
  'default',
  'page',
  'en',
  'of',
  'and',
  'the',
  'for',
  'to',
  'de',
  'la',
  'le',
  'du',
  'des',
  'di',
  'del',
  'y',
  'et',
  'und',
  'our',
  'statement',
  'notice',
  'policy',
  'policies',
  'legal',
  'documents',
  'document',
  'platform',
  'service',
  'services',
  'product',
  'products',
  'standard',
  'effective',
  'updated',
  'ireland',
  'europe',
  'european',
  'region',
  'california',
  'ccpa',
  'gdpr',
  'supplemental',
  'additional',
  'addendum',
  'generative',
  'ai',
  'personal',
  'information',
  'data',
  'cn',
  'zh',
  'ja',
  'fr',
  'es',
  'it',
  'pl',
  'pt',
  'nl',
  'sv',
  'ko',
  'br',
  'mx',
  'ca',
  'au',
  'in',
  'hl',
  'gl',
  'com',
  'pc',
  'desktop',
  'ios',
  'android',
  'politique',
  'politica',
  'polityka',
  'gb',
  'at',
  'ch',
  'ie',
  'nz',
  'sg',
  'hk',
  'jp',
  'kr',
  'tw',
  'ar',
  'cl',
  'co',
  'pe',
  'be',
  'lu',
  'dk',
  'se',
  'fi',
  'cz',
  'sk',
  'hu',
  'ro',
  'gr',
  'tr',
  'ru',
  'ua',
  'za',
  'ae',
  'ph',
  'latam',
  'apac',
  'emea',
]);

const LOCALE_SEGMENT = /^(?:[a-z]{2}(?:[-_][a-z]{2,4})?|[a-z]{2}[-_][a-z]{2}[-_][a-z]{2})$/i;

interface Match {
  type: DocumentType;
  /** The words of the matched phrase. */
  phrase: string;
}

function matchType(normalised: string): Match | null {
  if (!mayMatchType(normalised)) return null;
  for (const { type, find } of TYPE_FINDERS) {
    const found = find(normalised);
    if (found) return { type, phrase: found.phrase };
  }
  return null;
}

/** The conjunctions that join the documents a combined document's slug names. */
const CONJUNCTIONS = new Set([
  'and',
  'i',
  'e',
  'y',
  'et',
  'und',
  'en',
  'og',
  'och',
  've',
  'ja',
  'es',
  'si',
  'oraz',
]);

/** Conjunctions and the policy words a combined document's slug joins. */
const COMBINING_WORDS = new Set([
  ...CONJUNCTIONS,
  'cookie',
  'cerez',
  'politikasi',
  'cookies',
  'privacy',
  'terms',
  'conditions',
  'prywatnosci',
  'datenschutz',
  'confidentialite',
  'privacidad',
  'privacidade',
]);

/**
 * For a slug made of policy words joined by conjunctions only, the phrase that comes first; null
 * for anything else.
 */
function combinedMatch(
  normalised: string,
  words: readonly string[],
  neutral: (word: string) => boolean,
): Match | null {
  if (!words.some((word) => CONJUNCTIONS.has(word))) return null;
  let first: { match: Match; at: number } | null = null;
  for (const { type, find } of TYPE_FINDERS) {
    const found = find(normalised);
    if (found && (!first || found.index < first.at)) {
      first = { match: { type, phrase: found.phrase }, at: found.index };
    }
  }
  if (!first) return null;
  const rest = words.filter(
    (word) => !first.match.phrase.split(' ').includes(word) && !neutral(word),
  );
  return rest.every((word) => COMBINING_WORDS.has(word)) ? first.match : null;
}

const CODE_HOSTS =
  /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|sourceforge\.net|gitee\.com)$/;

/**
 * Hosts of packages' documentation ("cookie-consent.readthedocs.io", "docs.rs/cookie/…"): weak hosts,
 * where only a slug that names a policy in full is one (the host's own privacy policy).
 */
const CODE_DOCS_HOSTS =
  /(?:^|\.)(?:readthedocs\.io|docs\.rs|pkg\.go\.dev|hexdocs\.pm|javadoc\.io|rubydoc\.info)$/;

type UrlVerdict =
  | { kind: 'policy'; type: DocumentType; strength: number }
  | { kind: 'generic' }
  | { kind: 'topic' }
  | { kind: 'none' };

/** A centre of a site's policies: a hub, whose documents lie below it. */
const PRIVACY_CENTRE = /^(?:cent(?:er|re|ro|rum)|zentrum|hub|portal)$/;

/**
 * Topic words that still leave a page a policy when its slug ends in a policy noun
 * ("spotify-partner-program-terms", "privacy-center-policy"): they name a feature or a programme,
 * not an article about one.
 */
const FEATURE_WORDS = new Set([
  'center',
  'centre',
  'centro',
  'centrum',
  'zentrum',
  'dashboard',
  'controls',
  'control',
  'tools',
  'tool',
  'program',
  'programs',
  'portal',
  'choices',
  'options',
  'mode',
  'team',
  'summary',
  'pdf',
  'our',
  'approach',
  'principles',
  'commitment',
  'commitments',
  'sandbox',
  'tracking',
  'browser',
  'extension',
]);

/** Help articles are named after the task they explain ("reset-password", "manage-cookies"). */
const TASK_VERBS = new Set([
  'manage',
  'change',
  'changing',
  'delete',
  'deleting',
  'reset',
  'set',
  'setting',
  'create',
  'creating',
  'write',
  'writing',
  'add',
  'adding',
  'edit',
  'editing',
  'turn',
  'enable',
  'disable',
  'clear',
  'block',
  'allow',
  'remove',
  'download',
  'export',
  'view',
  'find',
  'understand',
  'understanding',
  'read',
  'reading',
  'accept',
  'accepting',
  'review',
  'reviewing',
  'opt',
  'learn',
  'about',
  'using',
]);

/** Verbs a how-to's slug starts with ("write-a-privacy-policy", "manage-cookies"). */
const IMPERATIVES = new Set([
  'write',
  'create',
  'manage',
  'change',
  'delete',
  'reset',
  'set',
  'add',
  'edit',
  'turn',
  'enable',
  'disable',
  'clear',
  'block',
  'allow',
  'remove',
  'download',
  'export',
  'view',
  'find',
  'accept',
  'review',
  'opt',
  'read',
  'update',
]);

/** A slug that names a policy by its last word: "alcohol-policy", "partner-program-terms". */
const POLICY_NOUN_END = /\b(?:policy|policies|terms|guidelines|agreement|addendum|notice)$/;

/**
 * Besides the type patterns, the only words through which `judgeUrl` can call an address a policy
 * or leave it open ('generic', which sends the page to the body test): a legal section or host, a
 * legal notice, a slug ending in a policy noun. The sentinel's first pass (address-gate.ts) turns
 * away addresses where none of these and no type pattern can match; keep the list complete when
 * judgeUrl learns a new way to a policy.
 */
export const ADDRESS_WORD_PATTERNS: readonly RegExp[] = [
  GENERIC_LEGAL,
  IMPRINT,
  LEGAL_HOST,
  POLICY_NOUN_END,
];

/**
 * Words that give those nouns another sense: public or insurance policies, trade agreements,
 * maintenance notices, design guidelines, search terms.
 */
const OTHER_SENSE_WORDS = new Set([
  'insurance',
  'public',
  'foreign',
  'economic',
  'monetary',
  'fiscal',
  'climate',
  'energy',
  'immigration',
  'education',
  'tax',
  'trade',
  'housing',
  'key',
  'search',
  'paris',
  'collective',
  'peace',
  'rental',
  'lease',
  'maintenance',
  'outage',
  'recall',
  'design',
  'style',
  'accessibility',
  'coding',
  'ui',
  'ux',
  'brand',
  'branding',
  'logo',
  'logos',
  // Loan terms, like terms (algebra).
  'loan',
  'loans',
  'mortgage',
  'like',
]);

/** Query parameters that name the document a generic script serves (not searches or redirects). */
const DOCUMENT_QUERY_KEYS = ['name', 'type', 'page', 'doc', 'document', 'slug', 'id', 'p'];

/** Longer keys of the same kind: "pageName", "docId", "themaGlobal" (a help topic's page). */
const DOCUMENT_QUERY_KEY_PART = /page|doc|thema/i;

const QUERY_DOCUMENT_NAME = /^[\p{L}\d _.-]{2,80}$/u;

function documentQuery(params: URLSearchParams, search: string): string | null {
  for (const key of DOCUMENT_QUERY_KEYS) {
    const value = params.get(key);
    if (value && QUERY_DOCUMENT_NAME.test(value)) return value;
  }
  for (const [key, value] of params) {
    if (DOCUMENT_QUERY_KEY_PART.test(key) && QUERY_DOCUMENT_NAME.test(value)) return value;
  }
  // A query that is one bare word names the page ("/0,0.html?politykaprywatnosci").
  return /^\?[a-z_-]{4,60}$/i.test(search) ? search.slice(1) : null;
}

/**
 * The document an anchor opens at on a one-page site or a legal hub that holds every document
 * ("app.example/#privacy", "example.com/legal/#end-user-privacy-policy"). Elsewhere an anchor is a
 * heading inside the page, which names a part of it, not the page.
 */
function documentAnchor(hash: string, segments: readonly string[]): string | null {
  if (hash.length < 3 || hashRoutePath(hash) !== null) return null;
  const anchor = decodeSafely(hash.slice(1));
  if (!QUERY_DOCUMENT_NAME.test(anchor)) return null;
  const last = segments[segments.length - 1];
  return last === undefined || GENERIC_LEGAL.test(normaliseSegment(last)) ? anchor : null;
}

/** Advertising and monetisation rules are policies, but none of our specific types. */
const ADVERTISING =
  /\b(?:ads?|advertis\w*|moneti[sz]ation|monetization|sponsored|branded content|political content|revenue sharing)\b/;

/** Sites or sections for developers and businesses: their terms are commercial terms. */
const COMMERCIAL_AUDIENCE =
  /^(?:developers?|api|business|partners?|ads|advertising|merchants?|sellers?)$/;

/** Words naming who a bare policy word is for: "enterprise-privacy", "business-privacy". */
const AUDIENCE_WORDS = new Set([
  'enterprise',
  'business',
  'developer',
  'developers',
  'creator',
  'creators',
  'partner',
  'partners',
  'seller',
  'sellers',
  'advertiser',
  'advertisers',
  'merchant',
  'merchants',
]);

/** Words naming who a full policy phrase is for when they follow it ("terms-of-service-individual"). */
const AUDIENCE_SUFFIX_WORDS = new Set([
  ...AUDIENCE_WORDS,
  'individual',
  'individuals',
  'consumer',
  'consumers',
  'personal',
  'customer',
  'customers',
  'kunden',
  'clients',
  'clientes',
  'klanten',
  'kunder',
  'asiakkaat',
  'asiakkaille',
]);

/** A leaf that only says "this section's page" ("en.html", "index.php"). */
const INDEX_LEAF = /^(?:(?:index|default|home|main|[a-z]{2}|html?|php|aspx?|jsp|shtml)(?: |$))+$/;

function withoutTrailingNeutral(words: readonly string[]): readonly string[] {
  let end = words.length;
  while (end > 0 && isNeutral(words[end - 1]!) && !POLICY_NOUN_END.test(words[end - 1]!)) end -= 1;
  return words.slice(0, end);
}

function isNeutral(word: string): boolean {
  return NEUTRAL_WORDS.has(word) || /^\d+$/.test(word);
}

/**
 * Subjects of policies that are none of our specific types: copyright and takedown, requests from
 * the authorities, security disclosure, refunds, deceased users' accounts.
 */
const OTHER_TOPICS =
  /\b(?:copyright|dmca|trademarks?|intellectual property|law enforcement|legal process|government requests?|(?:vulnerability|responsible|coordinated) disclosure|bug bounty|refunds?|returns|deceased|memoriali[sz]\w*)\b/;

/**
 * Harms a platform's content rules are about: a policy page named after one ("/policies/hate-speech",
 * "violent-content-policy") is one of its community guidelines.
 */
const HARM_TOPICS =
  /\b(?:hate(?:ful)? (?:speech|conduct|content)|harass\w*|bullying|violen\w*|violent|extremis\w*|terroris\w*|self ?harm|suicide|nudity|sexual (?:content|exploitation)|child (?:safety|sexual \w+)|graphic content|misinformation|disinformation|spam|impersonation|scams?|fraud|illegal (?:goods|activities|content)|regulated goods|dangerous (?:organi[sz]ations|acts|content)|moderation)\b/;

/** Leaves of a legal section that name a community's rules: "/legal/community", "/policy/participation". */
const COMMUNITY_LEAF = /^(?:community|participation|conduct|etiquette)$/;

/**
 * The type a leaf of a legal section names without any policy phrase ("/legal/sellers",
 * "/rules-and-policies/hate-speech"); null when it names none.
 */
function leafType(normalised: string, unknown: readonly string[]): DocumentType | null {
  if (OTHER_TOPICS.test(normalised)) return 'other-policy';
  if (HARM_TOPICS.test(normalised) || COMMUNITY_LEAF.test(normalised)) {
    return 'community-guidelines';
  }
  if (/^services?$/.test(normalised)) return 'terms-of-service';
  if (unknown.length > 0 && unknown.every((word) => AUDIENCE_WORDS.has(word))) {
    return 'commercial-terms';
  }
  return null;
}

/** The type a policy slug names; 'other-policy' when it names none of ours. */
function slugType(
  normalised: string,
  match: Match | null,
  sectionType: DocumentType | null,
  neutral: (word: string) => boolean,
): DocumentType {
  if (ADVERTISING.test(normalised) || OTHER_TOPICS.test(normalised)) return 'other-policy';
  if (!match) return leafType(normalised, []) ?? sectionType ?? 'other-policy';
  if (!GENERIC_PHRASE.test(match.phrase)) return match.type;
  // "service-credit-terms", "creator-revenue-sharing-terms": supplemental terms of their own kind.
  const phraseWords = new Set(match.phrase.split(' '));
  const unknown = normalised.split(' ').filter((word) => !phraseWords.has(word) && !neutral(word));
  return unknown.length >= 2 ? 'other-policy' : match.type;
}

/** Technical senses of "policy": access, bucket, pod security or password policies in docs. */
const TECHNICAL_SENSE =
  /\b(?:content security|bucket|iam|access|pod|network|firewall|password|lifecycle|ilm|cors|referrer|cach(?:e|ing)|sign ?on|mfa|authentication|authori[sz]ation|rbac|backup|retry|routing|eviction)\b.*\bpolic(?:y|ies)$/;

const GLUED_EACH = new RegExp(GLUED_WORDS.join('|'), 'g');
const GLUED_TOKEN = new RegExp(`[a-z]{${GLUED_RUN},}`, 'g');

/** Whether `text` has a character code in [low, high]; `minRun` of them in a row, when given. */
function hasCodeRun(text: string, low: number, high: number, minRun = 1): boolean {
  let run = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    run = code >= low && code <= high ? run + 1 : 0;
    if (run >= minRun) return true;
  }
  return false;
}

/**
 * `normalise` for one path segment: camel case and glued policy words come apart. Each rewrite
 * runs only on a segment that has what its expression needs (a digit, a capital, a run of eight
 * letters): this runs on every page, and most segments have none of them.
 */
function normaliseSegment(segment: string): string {
  let named = segment;
  // A CMS's id suffix: "Privacy-Security-Policy-a-282.html".
  // Or a page number glued to the slug's last word: "datenschutz102", "privacy01".
  if (hasCodeRun(named, 0x30, 0x39)) {
    named = named
      .replace(/[-_][a-z][-_]?\d+(?=\.\w+$|$)/i, '')
      .replace(/(?<=[a-z]{4})\d{1,4}(?=\.\w+$|$)/i, '');
  }
  if (hasCodeRun(named, 0x41, 0x5a)) named = splitCamelCase(named);
  const normalised = normalise(named);
  if (!hasCodeRun(normalised, 0x61, 0x7a, GLUED_RUN)) return normalised;
  return normalised.replace(GLUED_TOKEN, (token) =>
    isGluedRun(token, 0, token.length) ? token.replace(GLUED_EACH, '$& ').trim() : token,
  );
}

/** Second-level labels under which the registered name sits one label further left (".co.uk"). */
const SECOND_LEVEL = /^(?:co|com|net|org|gov|ac|edu|ne|or|go)$/;

/** Index of the site's own label: "example" in "www.example.com" and in "www.example.co.uk". */
function siteIndex(hostLabels: readonly string[]): number {
  const last = hostLabels.length - 1;
  return last >= 2 && SECOND_LEVEL.test(hostLabels[last - 1]!) ? last - 2 : last - 1;
}

/** The site's own name, which a slug may repeat ("zalando.de/zalando-agb", "ted-com-terms-of-use"). */
function siteName(hostLabels: readonly string[]): string {
  return hostLabels[siteIndex(hostLabels)] ?? '';
}

/**
 * Sites whose pages are entries of a reference work or legal forms ("dictionary.example/browse/
 * privacy", "lawforms.example/contracts/privacy-policy"): below their top level, a policy name is
 * an entry's title; their own policies sit at the top or under a legal section.
 */
const REFERENCE_BRAND =
  /templat|generat|contract|lawyer|legal|^law|dictionar|dicc?ionar|dizionar|worterbuch|woerterbuch|reference|encyclop|lexic|glossar|translat|wiki/;

/** A record's id after its slug ("…/cookies-tracking-technologies/44797645975", a hex hash). */
const TRAILING_ID = /^(?:\d+|[0-9a-f]{16,})$/i;

const INDEX_PAGE = /^(?:index|default)$/i;

interface Candidate {
  type: DocumentType;
  strength: number;
  index: number;
  /** Found from a section or a loose leaf rather than a phrase of its own. */
  generic: boolean;
  /** The segment is a policy phrase and nothing else ("privacy-policy", "acme-terms-of-use"). */
  clean: boolean;
  /** Found from a single word with other senses ("privacy", "cookies", "datenschutz"). */
  bare?: boolean;
}

/**
 * A slug without the 32-hex-digit page id some hosts append ("/Privacy-Policy-7f3c…" on Notion's
 * public pages) or a CMS's "_node" suffix; other segments unchanged.
 */
function withoutCmsSuffix(segment: string): string {
  // Government Site Builder names a section's page after it ("/DE/Impressum/impressum_node.html").
  if (segment.length > 5 && segment.slice(-5).toLowerCase() === '_node')
    return segment.slice(0, -5);
  const idStart = segment.length - 32;
  if (idStart < 2 || (segment[idStart - 1] !== '-' && segment[idStart - 1] !== '_')) return segment;
  for (let index = idStart; index < segment.length; index += 1) {
    const code = segment.charCodeAt(index) | 0x20;
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return segment;
  }
  return segment.slice(0, idStart - 1);
}

function judgeUrl(url: string): UrlVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'none' };
  }
  // A hash router's path is the page's real address ("app.example/#/privacy-policy", "#!/terms").
  const route = hashRoutePath(parsed.hash);
  const segments = [...parsed.pathname.split('/'), ...(route ? route.split('/') : [])]
    .map((segment) => decodeSafely(segment))
    .filter((segment) => segment.length > 0 && !LOCALE_SEGMENT.test(segment))
    // A policy published as a PDF is still the policy; the file type says nothing either way
    // ("privacy.mi", "service-agreement.go", "termsofuse.jsp").
    .map((segment) =>
      withoutCmsSuffix(
        segment.replace(
          /(?<=.)\.(?:pdf|html?|php\d?|aspx?|jsp|[bpsx]html?|cfm|cms|do|go|mi|page|action|md|txt)$/i,
          '',
        ),
      ),
    );
  // Some sites serve every document from one script and name it in the query
  // ("/legal/document?name=privacy-notice", "index.php?page=datenschutz", "/0,0.html?polityka").
  const named = documentQuery(parsed.searchParams, parsed.search);
  if (named) segments.push(named);
  const anchor = documentAnchor(parsed.hash, segments);
  if (anchor) segments.push(anchor);
  // A record id or a section's index page after the slug names nothing ("/note-legali/index.html").
  while (segments.length > 1 && TRAILING_ID.test(segments[segments.length - 1]!)) segments.pop();
  while (segments.length > 1 && INDEX_PAGE.test(segments[segments.length - 1]!)) segments.pop();
  // A wiki's policy namespace ("/wiki/Policy:Privacy_policy") holds the site's own policies.
  const namespaced = segments.findIndex((segment) => /^(?:policy|legal):./i.test(segment));
  if (namespaced >= 0) {
    segments[namespaced] = segments[namespaced]!.slice(segments[namespaced]!.indexOf(':') + 1);
    if (segments[namespaced - 1]?.toLowerCase() === 'wiki') segments.splice(namespaced - 1, 1);
  }
  const hostLabels = parsed.hostname.toLowerCase().split('.');
  const subdomainLabels = hostLabels.slice(0, Math.max(0, siteIndex(hostLabels)));
  const subdomain = subdomainLabels.join(' ');
  const site = siteName(hostLabels);
  const brand = new Set([site, ...site.split('-')]);
  const neutral = (word: string) => isNeutral(word) || brand.has(word);

  if (subdomainLabels.some((label) => HOST_NON_POLICY.has(label))) return { kind: 'topic' };
  // A tool's or a package's own host or path ("privacy-policy-generator.example.app",
  // "/@scope/package/…").
  if (
    subdomainLabels.some((label) => label.split('-').some((part) => SECTION_TOPIC_WORDS.has(part)))
  ) {
    return { kind: 'topic' };
  }
  if (segments.some((segment) => segment.startsWith('@'))) return { kind: 'topic' };
  // A repository's files ("github.com/<owner>/<repo>/…") are code, even one named "privacy-policy".
  if (CODE_HOSTS.test(parsed.hostname) && segments.length >= 2 && segments[0] !== 'site') {
    return { kind: 'topic' };
  }
  // News and blog permalinks carry a date ("/2024/03/12/...", "/2024-05/..."): articles about
  // policies. A file in an uploads folder is dated by its upload ("/wp-content/uploads/2024/01/
  // Befoerderungsbedingungen.pdf"): the document itself.
  const uploaded = parsed.pathname.toLowerCase().includes('/uploads/');
  if (
    !uploaded &&
    segments.some((segment) => /^(?:19|20)\d\d(?:[-_](?:0[1-9]|1[0-2]))?$/.test(segment)) &&
    segments.length > 2
  ) {
    return { kind: 'topic' };
  }
  // Or a compact date, as a segment ("/20240301/") or ending a headline slug ("la-cnil-…-20240115";
  // a short "privacy-policy-20240115" is a dated version of the policy).
  if (
    segments.some(
      (segment) =>
        /^(?:19|20)\d\d[01]\d[0-3]\d$/.test(segment) ||
        /^(?:[^-_]+[-_]){4,}(?:19|20)\d\d[01]\d[0-3]\d$/.test(segment),
    )
  ) {
    return { kind: 'topic' };
  }

  const lastIndex = segments.length - 1;
  // A glossary's letter index: "/terms/p/privacy-policy.asp".
  const letter = segments[lastIndex - 1];
  if (letter && /^[a-z]$/i.test(letter) && lastIndex >= 2) {
    if (segments[lastIndex]!.toLowerCase().startsWith(letter.toLowerCase()))
      return { kind: 'topic' };
  }

  let inNonPolicySection = false;
  let inArticleSection = false;
  const legalHost = subdomainLabels.some((label) =>
    label.split('-').some((part) => LEGAL_HOST.test(part)),
  );
  let weakSection =
    subdomainLabels.some((label) => WEAK_HOSTS.has(label)) || CODE_DOCS_HOSTS.test(parsed.hostname);
  // A legal host's documentation section holds its documents ("legal.example.com/docs/terms").
  let sawLegalSection = legalHost;
  let sawLegalWord = false;
  let sectionType: DocumentType | null = null;
  let underLegal = legalHost;
  let commercialAudience = subdomainLabels.some((label) => COMMERCIAL_AUDIENCE.test(label));
  let best: Candidate | null = null;
  for (let index = 0; index < segments.length; index += 1) {
    const normalised = normaliseSegment(segments[index]!);
    if (!normalised) continue;
    const isLast = index === lastIndex;
    if (NON_POLICY_SECTIONS.has(normalised)) inNonPolicySection = true;
    if (ARTICLE_SECTIONS.has(normalised)) inArticleSection = true;
    if (WEAK_SECTIONS.has(normalised) && !sawLegalSection) weakSection = true;
    if (!isLast && COMMERCIAL_AUDIENCE.test(normalised)) commercialAudience = true;
    const words = normalised.split(' ').filter((word) => !/^\d+$/.test(word));
    if (!isLast && words.some((word) => SECTION_TOPIC_WORDS.has(word))) inNonPolicySection = true;
    // A page about the section's subject: "/privacy/features", "/privacy-and-security/about".
    const hubPage =
      words.some((word) => HUB_LEAF.has(word)) &&
      words.every((word) => HUB_LEAF.has(word) || neutral(word));
    if (best && isLast && hubPage) return { kind: 'topic' };
    const topicWords = words.filter((word) => TOPIC_WORDS.has(word));
    // Topic words in the policy's own segment or below it ("/privacy/checkup", "/privacy-tips");
    // above it they name a section ("/new/termsofuse").
    if (topicWords.length > 0 && best) {
      // Except a hub on the way to the document ("/privacy-and-cookies/privacy-centre/…/privacy-policy")
      // and the product a policy is written for ("/privacy/browser").
      const hub = !isLast && topicWords.every((word) => FEATURE_WORDS.has(word));
      const product = isLast && words.every((word) => PRODUCT_WORDS.has(word) || neutral(word));
      if (hub || product) continue;
      return { kind: 'topic' };
    }
    // The provider's legal notice is a document of its own (Open Terms Archive's "Imprint").
    // A record id after the name changes nothing ("impressum-2002022").
    if (isLast && IMPRINT.test(words.join(' ')) && !inNonPolicySection && !inArticleSection) {
      if (!best || best.generic) {
        best = { type: 'other-policy', strength: 0.8, index, generic: false, clean: true };
      }
      continue;
    }
    if (GENERIC_LEGAL.test(normalised)) {
      underLegal = true;
      sawLegalSection = true;
      sawLegalWord = true;
      weakSection = false;
      if (/\b(?:rules|safety|safetyandprivacy)\b/.test(normalised))
        sectionType = 'community-guidelines';
      continue;
    }
    let match = matchType(normalised);
    // One page for two documents ("privacy-and-cookies", "polityka-prywatnosci-i-cookies") is
    // named after the first.
    // Without a match no type pattern matches the segment, so no combined one either.
    const combined = match ? combinedMatch(normalised, words, neutral) : null;
    if (combined) match = combined;
    // Topics filed under a policy word ("/privacy-topics/…") are pages about it.
    if (!isLast && match && /\btopics?\b/.test(normalised)) inNonPolicySection = true;
    // How-tos are named after their task ("write-a-privacy-policy", "manage-cookies").
    const imperative = IMPERATIVES.has(words[0] ?? '');
    if (isLast && match && imperative && words.length > 1) return { kind: 'topic' };
    const phraseWords = new Set(match ? match.phrase.split(' ') : []);
    const extra = words.filter(
      (word) =>
        !phraseWords.has(word) && !neutral(word) && !(combined && COMBINING_WORDS.has(word)),
    );
    const bare = match !== null && BARE_WORDS.test(match.phrase);
    // A headline ending in the CMS's id ("whatsapp-privacy-policy-1187532") is an article.
    if (isLast && match && extra.length > 0 && /[-_]\d{5,}$/.test(segments[index]!)) {
      return { kind: 'topic' };
    }
    const clean = match !== null && !bare && extra.length === 0;
    // A last slug that ends in a policy noun names the page, in a help centre too, unless it is a
    // task or an article ("how-to-write-a-privacy-policy", "setting-your-cancellation-policy").
    const core = withoutTrailingNeutral(words);
    const namesPolicy =
      isLast &&
      core.length >= 2 &&
      core.length <= 10 &&
      POLICY_NOUN_END.test(core.join(' ')) &&
      !TASK_VERBS.has(words[0]!) &&
      !core.some((word) => OTHER_SENSE_WORDS.has(word)) &&
      !TECHNICAL_SENSE.test(core.join(' ')) &&
      topicWords.every((word) => FEATURE_WORDS.has(word));
    // A privacy centre on the way to its documents ("/privacy-centre/privacy-policy.page") is a hub,
    // not the page; at the end of the address it is the page, and no policy.
    if (
      !isLast &&
      match &&
      topicWords.length > 0 &&
      topicWords.every((word) => PRIVACY_CENTRE.test(word))
    ) {
      continue;
    }
    if (topicWords.some((word) => !phraseWords.has(word)) && match && !namesPolicy) {
      return { kind: 'topic' };
    }
    if (namesPolicy) {
      // Under a named document ("/developer-terms/ppu-agreement") the slug is one of its parts,
      // unless it names a document of its own in full ("/privacy/cookie-policy").
      if (!inNonPolicySection && (!best || best.generic || (clean && best.index < index))) {
        best = {
          type: slugType(normalised, match, sectionType, neutral),
          strength: 0.8,
          index,
          generic: false,
          clean,
        };
      }
      continue;
    }
    if (!match) {
      // An article filed under a topic ("/privacidad/que-es-el-rgpd-y-como-te-afecta").
      if (isLast && best?.bare && words.filter((word) => !neutral(word)).length >= 4) {
        return { kind: 'topic' };
      }
      // A leaf under a legal section ("/rules-and-policies/violent-content"); a leaf of neutral
      // words only ("gdpr.example.com/en.html") leaves the question to the host name.
      // Help written to the reader ("setting-your-cancellation-policy") is no policy.
      const howTo = imperative || words.includes('your');
      // The section's own overview ("/governance/policy/overview") is none of its documents.
      if (isLast && !inNonPolicySection && !inArticleSection && underLegal && !howTo && !hubPage) {
        const unknown = words.filter((word) => !neutral(word));
        if (unknown.length <= 6 && /[a-z]/.test(normalised) && !INDEX_LEAF.test(normalised)) {
          best = best ?? {
            type: leafType(normalised, unknown) ?? sectionType ?? 'other-policy',
            strength: 0.7,
            index,
            generic: true,
            clean: false,
          };
        }
      }
      continue;
    }
    const phraseStart = normalised.indexOf(match.phrase);
    const extraAfter = extra.filter(
      (word) => normalised.indexOf(word, phraseStart + match.phrase.length) >= 0,
    );
    // A brand before a full phrase ("github-privacy-statement") is common; words after it, or
    // around a bare word ("privacy-regulators"), make an article or a feature page. Naming the
    // audience is fine ("enterprise-privacy").
    // Polish names what a "regulamin" governs after it ("regulamin-sklepu", the shop's rules).
    const ownerAfter = /^regulamin/.test(match.phrase) && extraAfter.length <= 2;
    const audienceAfter = extraAfter.every((word) => AUDIENCE_SUFFIX_WORDS.has(word));
    // Bare "conditions" has other senses (weather, health): only at the top or in a legal section.
    const otherSense = match.phrase === 'conditions' && !underLegal && segments.length > 1;
    const acceptable =
      !otherSense &&
      (bare
        ? extra.every((word) => AUDIENCE_WORDS.has(word)) && extraAfter.length === 0
        : extra.length <= 2 && (extraAfter.length === 0 || ownerAfter || audienceAfter));
    if (!acceptable) {
      if (underLegal && isLast && extra.length <= 6 && !inNonPolicySection) {
        // A specific phrase in a leaf of a typed section ("rules-and-policies/twitter-cookies")
        // says more than the section does; "brand-guidelines" are no community's rules.
        const type = extra.some((word) => OTHER_SENSE_WORDS.has(word))
          ? 'other-policy'
          : GENERIC_PHRASE.test(match.phrase)
            ? (sectionType ?? match.type)
            : match.type;
        best = best ?? { type, strength: 0.7, index, generic: true, clean: false };
      }
      continue;
    }
    const generic = GENERIC_PHRASE.test(match.phrase);
    if (!isLast) {
      sectionType = match.type;
      underLegal = true;
      // A named document's section ("/developer-terms/…") is a legal section; a bare word
      // ("docs.example.com/privacy/…") may be a topic of the docs.
      if (!bare) {
        sawLegalSection = true;
        weakSection = false;
      }
    }
    const strength = extra.length === 0 ? 0.95 : 0.85;
    // Terms for businesses are commercial terms ("terms-of-service-business").
    const type =
      match.type === 'terms-of-service' && extraAfter.some((word) => AUDIENCE_WORDS.has(word))
        ? 'commercial-terms'
        : match.type;
    if (!best || !generic || best.generic) {
      best = { type, strength, index, generic, clean, bare };
    }
  }
  if (best) {
    if (inNonPolicySection) return { kind: 'topic' };
    // A reference work's entries sit at its top too ("dictionary.example/cookie"); its own policies
    // are named in full there.
    if (REFERENCE_BRAND.test(site) && (segments.length >= 2 || best.bare) && !sawLegalWord) {
      return { kind: 'topic' };
    }
    // In a help centre, only an article's own slug counts ("/articles/privacy" is a section).
    if (inArticleSection && best.index !== lastIndex) return { kind: 'topic' };
    if (weakSection && !(best.clean && best.index === lastIndex)) return { kind: 'topic' };
    let type =
      best.type === 'terms-of-service' && commercialAudience ? 'commercial-terms' : best.type;
    // An advertising host's guidelines are ad policies ("ads.example.com/guidelines").
    if (type === 'community-guidelines' && ADVERTISING.test(subdomain)) type = 'other-policy';
    return { kind: 'policy', type, strength: best.strength };
  }
  if (inNonPolicySection || inArticleSection || weakSection) return { kind: 'topic' };
  // A legal host, or one named after a document ("agb-server.example.net/…").
  // An app named after what it tracks ("habit-tracker.example.app") is no trackers policy.
  const documentHost = (label: string) =>
    label.split('-').some((part) => matchType(part)?.phrase === part && !/^trackers?$/.test(part));
  if (segments.length <= 2 && (legalHost || subdomainLabels.some(documentHost))) {
    const hostMatch = matchType(normalise(subdomain.replace(/(privacy|legal|gdpr)/g, ' $1 ')));
    if (hostMatch) return { kind: 'policy', type: hostMatch.type, strength: 0.75 };
    if (/gdpr/.test(subdomain)) return { kind: 'policy', type: 'privacy-policy', strength: 0.75 };
  }
  return underLegal ? { kind: 'generic' } : { kind: 'none' };
}

/** Title words that make a title a question or article about a policy, not the policy. */
const TITLE_TOPIC =
  /\b(?:how|why|what|tips|guide|best|template|generator|examples?|explained|vs|news|blog|announc\w*|introducing|update[sd]? to|changes to|search|results)\b|\?/;

function judgeTitle(title: string | undefined): DocumentType | 'topic' | null {
  if (!title) return null;
  const normalised = normalise(title);
  if (!normalised) return null;
  const match = matchType(normalised);
  if (!match) return null;
  if (TITLE_TOPIC.test(normalised) || title.includes('?')) return 'topic';
  // A long title that merely contains the phrase is a headline, not a document name.
  if (normalised.split(' ').length > 14) return 'topic';
  // Bare "terms", "license", "agreement", "protocol", "conditions" say little in a title.
  if (
    /^(?:terms|licen[cs]e|agreement|protocol|conditions|tos|tou|trust|cookies?)$/.test(match.phrase)
  ) {
    return normalised.split(' ').length <= 6 ? match.type : null;
  }
  return match.type;
}

/**
 * Whether a URL (and, when known, the page title) is a policy, from their words alone; cheap enough
 * to run on every navigation. A page about a policy ("/blog/privacy-tips", "/search?q=privacy") is
 * not one.
 */
export function detectFromUrl(url: string, title?: string): PolicyDetection {
  const verdict = judgeUrl(url);
  const titleType = judgeTitle(title);
  if (verdict.kind === 'policy') {
    if (titleType === 'topic') {
      return { isPolicy: false, documentType: null, confidence: 0.6, decidedBy: 'title' };
    }
    const agrees = titleType === verdict.type;
    return {
      isPolicy: true,
      documentType: verdict.type,
      confidence: agrees ? Math.max(verdict.strength, 0.97) : verdict.strength,
      decidedBy: 'url',
    };
  }
  if (verdict.kind === 'topic') {
    return { isPolicy: false, documentType: null, confidence: 0.9, decidedBy: 'url' };
  }
  if (titleType && titleType !== 'topic') {
    return {
      isPolicy: true,
      documentType: titleType,
      confidence: verdict.kind === 'generic' ? 0.85 : 0.7,
      decidedBy: 'title',
    };
  }
  if (titleType === 'topic') {
    return { isPolicy: false, documentType: null, confidence: 0.8, decidedBy: 'title' };
  }
  return {
    isPolicy: false,
    documentType: null,
    confidence: verdict.kind === 'generic' ? 0.3 : 0.8,
    decidedBy: verdict.kind === 'generic' || title === undefined ? 'none' : 'url',
  };
}

const LINK_REL_TYPES: Readonly<Record<string, DocumentType>> = {
  'privacy-policy': 'privacy-policy',
  'terms-of-service': 'terms-of-service',
};

/** Phrases typical of policy prose, per document type, in several languages. */
const BODY_SIGNALS: readonly { type: DocumentType; pattern: RegExp }[] = [
  {
    type: 'privacy-policy',
    pattern:
      /\b(?:personal (?:data|information)|we collect|data controller|your rights|gdpr|personenbezogene daten|donnees personnelles|datos personales|dati personali|dane osobowe|persoonsgegevens|dados pessoais)\b|个人信息|個人情報/g,
  },
  {
    type: 'terms-of-service',
    pattern:
      /\b(?:these terms|you agree|governing law|limitation of liability|indemnif\w+|termination|warrant(?:y|ies)|arbitration|diese (?:bedingungen|nutzungsbedingungen)|les presentes conditions|estos terminos|i presenti termini)\b|本协议|用户协议/g,
  },
  { type: 'cookie-policy', pattern: /\b(?:cookies?|local storage|pixels?|web beacons?)\b/g },
];

/**
 * Whether a page is a policy. URL and title decide when they can; then `<link rel>`, meta tags and
 * headings; the body text is read (a bounded sample) only when all of those leave it open.
 */
export function detectPolicyPage(doc: Document, url: string): PolicyDetection {
  const title = doc.title ?? '';
  const fromUrl = detectFromUrl(url, title);
  if (fromUrl.isPolicy && fromUrl.documentType === 'other-policy') {
    const named = detectFromHeadings(doc);
    if (named && named !== 'topic') return { ...fromUrl, documentType: named };
  }
  if (fromUrl.isPolicy || fromUrl.confidence >= 0.9) return fromUrl;

  const fromLink = detectFromLinkRel(doc, url);
  if (fromLink) return fromLink;

  const headingType = detectFromHeadings(doc);
  if (headingType === 'topic') {
    return { isPolicy: false, documentType: null, confidence: 0.8, decidedBy: 'title' };
  }
  if (headingType) {
    return { isPolicy: true, documentType: headingType, confidence: 0.8, decidedBy: 'title' };
  }
  // Without any legal wording in URL, title or headings, the page is not a policy: stop here so
  // that ordinary pages cost almost nothing.
  if (fromUrl.decidedBy !== 'none') return fromUrl;
  return detectFromBody(doc) ?? fromUrl;
}

function detectFromLinkRel(doc: Document, url: string): PolicyDetection | null {
  const here = withoutHash(url);
  for (const link of doc.querySelectorAll('link[rel]')) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    for (const rel of rels) {
      const type = LINK_REL_TYPES[rel];
      if (!type) continue;
      const href = link.getAttribute('href');
      if (!href) continue;
      let target: string;
      try {
        target = withoutHash(new URL(href, url).href);
      } catch {
        continue;
      }
      if (target === here) {
        return { isPolicy: true, documentType: type, confidence: 0.9, decidedBy: 'title' };
      }
    }
  }
  return null;
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return (hash === -1 ? url : url.slice(0, hash)).replace(/\/$/, '');
}

function detectFromHeadings(doc: Document): DocumentType | 'topic' | null {
  let sawTopic = false;
  for (const candidate of headingCandidates(doc)) {
    const verdict = judgeTitle(candidate.slice(0, TITLE_LIMIT));
    if (verdict === 'topic') sawTopic = true;
    else if (verdict) return verdict;
  }
  return sawTopic ? 'topic' : null;
}

const BODY_SAMPLE = 30_000;

function detectFromBody(doc: Document): PolicyDetection | null {
  const body = doc.body;
  if (!body) return null;
  return bodySignals(leadingText(doc, body, BODY_SAMPLE));
}

/**
 * The first `limit` characters of `root.textContent`, reading text nodes only until there are
 * enough: a 10 MB page costs no more than a short one.
 */
function leadingText(doc: Document, root: Node, limit: number): string {
  // 4 is NodeFilter.SHOW_TEXT; the constant is not a global outside browsers.
  const walker = doc.createTreeWalker(root, 4);
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node && length < limit; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    parts.push(text);
    length += text.length;
  }
  return parts.join('').slice(0, limit);
}

function bodySignals(text: string): PolicyDetection | null {
  const sample = normalise(text.slice(0, BODY_SAMPLE));
  let bestType: DocumentType | null = null;
  let bestCount = 0;
  for (const { type, pattern } of BODY_SIGNALS) {
    pattern.lastIndex = 0;
    const count = sample.match(pattern)?.length ?? 0;
    if (count > bestCount) {
      bestType = type;
      bestCount = count;
    }
  }
  if (!bestType || bestCount < 12) return null;
  return {
    isPolicy: true,
    documentType: bestType,
    confidence: Math.min(0.75, 0.4 + bestCount / 100),
    decidedBy: 'body',
  };
}

/**
 * Whether an already extracted text is a policy, for callers without a DOM (the CLI on .md/.txt
 * files): its title or first headings, then the density of policy phrases in a sample.
 */
export function detectFromText(
  text: string,
  title: string | null,
  headings: readonly { level: number; text: string }[] = [],
): PolicyDetection {
  const names = [title ?? '', ...headings.slice(0, 3).map((heading) => heading.text)];
  for (const name of names) {
    const verdict = judgeTitle(name.slice(0, TITLE_LIMIT));
    if (verdict === 'topic') break;
    if (verdict)
      return { isPolicy: true, documentType: verdict, confidence: 0.8, decidedBy: 'title' };
  }
  return (
    bodySignals(text) ?? { isPolicy: false, documentType: null, confidence: 0.6, decidedBy: 'body' }
  );
}
