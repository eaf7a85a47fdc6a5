// Frequent function words, chosen to be distinctive between the languages listed (words shared by
// several, like "a", "de" or "in", are left out or kept in one list only).
const STOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'you',
    'your',
    'we',
    'our',
    'or',
    'with',
    'that',
    'this',
    'for',
    'are',
    'is',
    'be',
    'by',
    'any',
    'may',
    'will',
    'which',
    'these',
    'such',
    'from',
    'not',
    'have',
    'us',
    'it',
  ],
  de: [
    'der',
    'die',
    'und',
    'das',
    'den',
    'dem',
    'nicht',
    'sie',
    'wir',
    'ihre',
    'mit',
    'sich',
    'auf',
    'für',
    'ist',
    'von',
    'zu',
    'oder',
    'eine',
    'einer',
    'werden',
    'wird',
    'uns',
    'ihnen',
    'bei',
    'auch',
    'durch',
    'des',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'du',
    'vous',
    'nous',
    'vos',
    'votre',
    'est',
    'pour',
    'dans',
    'une',
    'sur',
    'qui',
    'que',
    'pas',
    'aux',
    'sont',
    'ou',
    'avec',
    'ces',
    'leur',
    'peut',
    'être',
    'au',
  ],
  es: [
    'el',
    'los',
    'las',
    'y',
    'del',
    'que',
    'usted',
    'su',
    'sus',
    'para',
    'con',
    'una',
    'por',
    'es',
    'se',
    'nosotros',
    'como',
    'sobre',
    'lo',
    'le',
    'al',
    'puede',
    'datos',
    'cuando',
    'estos',
  ],
  it: [
    'il',
    'della',
    'delle',
    'dei',
    'di',
    'che',
    'per',
    'non',
    'sono',
    'gli',
    'nel',
    'nella',
    'alla',
    'ai',
    'con',
    'una',
    'tuo',
    'tuoi',
    'sua',
    'suoi',
    'essere',
    'questo',
    'questi',
    'anche',
    'può',
    'ed',
  ],
  pl: [
    'i',
    'w',
    'z',
    'na',
    'do',
    'się',
    'nie',
    'jest',
    'lub',
    'oraz',
    'przez',
    'od',
    'dla',
    'jak',
    'są',
    'być',
    'które',
    'który',
    'która',
    'po',
    'może',
    'ze',
    'tym',
    'danych',
    'użytkownika',
    'twoje',
    'twoich',
    'dane',
    'osobowe',
    'nasze',
    'naszym',
    'naszych',
    'tych',
    'ich',
    'przy',
    'celu',
    'jeśli',
    'również',
    'mogą',
  ],
  pt: [
    'o',
    'os',
    'as',
    'e',
    'do',
    'da',
    'dos',
    'das',
    'que',
    'você',
    'seu',
    'seus',
    'sua',
    'suas',
    'para',
    'um',
    'uma',
    'não',
    'em',
    'no',
    'na',
    'ao',
    'pelo',
    'pela',
    'são',
    'nós',
  ],
  nl: [
    'de',
    'het',
    'en',
    'een',
    'van',
    'je',
    'jij',
    'uw',
    'u',
    'wij',
    'we',
    'ons',
    'onze',
    'niet',
    'voor',
    'met',
    'zijn',
    'op',
    'dat',
    'die',
    'worden',
    'wordt',
    'deze',
    'aan',
    'bij',
    'kunnen',
    'als',
  ],
  sv: [
    'och',
    'att',
    'det',
    'som',
    'för',
    'är',
    'på',
    'med',
    'av',
    'till',
    'inte',
    'vi',
    'dig',
    'din',
    'dina',
    'vår',
    'våra',
    'om',
    'eller',
    'kan',
    'har',
    'den',
    'ett',
  ],
};

const WORD_PATTERN = /\p{L}+/gu;
const SAMPLE_LENGTH = 20_000;

const WORD_LANGUAGES = new Map<string, string[]>();
for (const [language, words] of Object.entries(STOP_WORDS)) {
  for (const word of words) {
    const languages = WORD_LANGUAGES.get(word) ?? [];
    languages.push(language);
    WORD_LANGUAGES.set(word, languages);
  }
}

/**
 * The language of a text as a BCP 47 tag, from its script and a stop-word count; 'und' when there
 * is too little text to tell. Reads a sample of the text only, so its cost is bounded.
 */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text;
  const script = scriptOf(sample);
  if (script) return script;
  const scores = new Map<string, number>();
  let words = 0;
  for (const match of sample.matchAll(WORD_PATTERN)) {
    words += 1;
    // Parts of domain names and file names ("chatgpt.com") are not words of the text.
    if (match.index > 0 && sample.charCodeAt(match.index - 1) === 46) continue;
    const languages = WORD_LANGUAGES.get(match[0].toLowerCase());
    if (!languages) continue;
    // One-letter stop words ("e", "y", "w") also come from identifiers and abbreviations.
    const weight = (match[0].length === 1 ? 0.25 : 1) / languages.length;
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + weight);
  }
  let best = 'und';
  let bestScore = 0;
  for (const [language, score] of scores) {
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return words >= 3 && bestScore >= 1 ? best : 'und';
}

function scriptOf(sample: string): string | null {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let cyrillic = 0;
  let arabic = 0;
  let latin = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    if (code < 0x80) {
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin += 1;
    } else if (code >= 0x3040 && code <= 0x30ff) kana += 1;
    else if (code >= 0x4e00 && code <= 0x9fff) han += 1;
    else if (code >= 0xac00 && code <= 0xd7af) hangul += 1;
    else if (code >= 0x0400 && code <= 0x04ff) cyrillic += 1;
    else if (code >= 0x0600 && code <= 0x06ff) arabic += 1;
    else if (code < 0x250) latin += 1;
  }
  // One CJK character carries about as much as a short Latin word, so it is weighted up.
  const cjk = (han + kana) * 3;
  if (cjk > latin) return kana > 0 && kana * 10 >= han ? 'ja' : 'zh';
  if (hangul * 3 > latin) return 'ko';
  if (cyrillic > latin) return 'ru';
  if (arabic > latin) return 'ar';
  return null;
}

/** How messages name the languages `detectLanguage` tells apart (Cyrillic and Arabic by script). */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pl: 'Polish',
  pt: 'Portuguese',
  nl: 'Dutch',
  sv: 'Swedish',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  ru: 'Cyrillic script',
  ar: 'Arabic script',
};

/**
 * Languages with a terms model of their own (lib/analysis/terms-classifier.ts), learnt from CLAUDETTE's
 * German, Italian and Polish terms of service: the eight terms categories only.
 */
export const TERMS_MODEL_LANGUAGES = ['de', 'it', 'pl'] as const;
export type TermsModelLanguage = (typeof TERMS_MODEL_LANGUAGES)[number];

export function hasTermsModel(language: string): language is TermsModelLanguage {
  return (TERMS_MODEL_LANGUAGES as readonly string[]).includes(language);
}

/** Languages a model of ours reads (English: the bundled one), as CLAUDETTE annotates them. */
export const MODEL_LANGUAGES = ['en', ...TERMS_MODEL_LANGUAGES] as const;
export type ModelLanguage = (typeof MODEL_LANGUAGES)[number];

export function hasModel(language: string): language is ModelLanguage {
  return (MODEL_LANGUAGES as readonly string[]).includes(language);
}

/** With this many clauses, a page no language's words were found in is in another language. */
const CLAUSES_TO_TELL = 10;

/**
 * Whether a page is in another language than English, which the classifier (learnt from English
 * clauses only) cannot read. `language` is `detectLanguage`'s; a page of `clauses` clauses it could
 * not place ('und') is in a language it does not know (Welsh, Vietnamese…) once it is long enough,
 * since English is always placed.
 */
export function isOtherLanguage(language: string, clauses: number): boolean {
  return (
    Object.hasOwn(LANGUAGE_NAMES, language) || (language === 'und' && clauses >= CLAUSES_TO_TELL)
  );
}

/**
 * What the reader of such a page must be told: few findings or none there is not a clean bill.
 * Null for English and for a text too short to tell. In a language with a terms model, the terms
 * categories are read and the rest is not (`readsTerms`: its model could be loaded).
 */
export function otherLanguageNotice(
  language: string,
  clauses: number,
  readsTerms = hasTermsModel(language),
): string | null {
  if (!isOtherLanguage(language, clauses)) return null;
  const name = LANGUAGE_NAMES[language];
  const written = name ? `is written in ${name}` : 'does not seem to be written in English';
  if (readsTerms && name) {
    return `This page ${written}. Fineprint reads its terms (arbitration, courts, governing law, liability, changes, termination, acceptance by use, content removal) with a model learnt from ${name} terms of service, but its privacy and AI-training analysis reads English only: few or no findings on those here do not mean nothing is of concern.`;
  }
  return `This page ${written}. Fineprint's automatic analysis reads English only and misses most clauses in other languages: few or no findings here do not mean nothing is of concern.`;
}
