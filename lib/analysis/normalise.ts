// The one text normalisation every detection step matches on (URL segments, titles, headings, body
// samples), and the decoding of address parts. Its own module so the always-injected sentinel's
// first pass can use it without the detector.

/** JavaScript's whitespace and line terminators: what `\s` matches and `trim` removes. */
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Characters that separate words in addresses and titles: / - _ . + , : ; | ( ) [ ] ' " ’ – —. */
function isSeparator(code: number): boolean {
  switch (code) {
    case 0x2f: // /
    case 0x2d: // -
    case 0x5f: // _
    case 0x2e: // .
    case 0x2b: // +
    case 0x2c: // ,
    case 0x3a: // :
    case 0x3b: // ;
    case 0x7c: // |
    case 0x28: // (
    case 0x29: // )
    case 0x5b: // [
    case 0x5d: // ]
    case 0x27: // '
    case 0x22: // "
    case 0x2019: // ’
    case 0x2013: // –
    case 0x2014: // —
      return true;
    default:
      return false;
  }
}

/**
 * Lower case, accents removed (Hangul and kana kept whole), ß as ss, every run of separators or
 * spaces as one space, trimmed:
 * "/legal/Datenschutzerklärung.html" reads "legal datenschutzerklarung html". Written without
 * regular expressions: it runs on every page, and V8 compiles an expression on its first use in a
 * renderer (on a site's first page the four this replaces cost about 0.7 ms).
 */
export function normalise(value: string): string {
  let plain = value;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    // Most addresses are ASCII: decomposing accents is the costliest step, and only needed otherwise.
    if ((code < 0x20 || code > 0x7e) && !isSpace(code)) {
      let stripped = '';
      const decomposed = value.normalize('NFD');
      for (let at = 0; at < decomposed.length; at += 1) {
        const unit = decomposed.charCodeAt(at);
        if (unit < 0x300 || unit > 0x36f) stripped += decomposed[at];
      }
      // Composed again: decomposing also splits every Hangul syllable into its letters and a kana
      // from its voicing mark ("プ"), which no phrase written in those scripts would then match.
      plain = stripped.normalize('NFC');
      break;
    }
  }
  const lower = plain.toLowerCase().replaceAll('ß', 'ss');
  let result = '';
  let pendingSpace = false;
  for (let index = 0; index < lower.length; index += 1) {
    const code = lower.charCodeAt(index);
    if (isSpace(code) || isSeparator(code)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && result.length > 0) result += ' ';
    pendingSpace = false;
    result += lower[index];
  }
  return result;
}

/**
 * A hash router's path ("#/about/privacy", "#!/terms?lang=en" → "/about/privacy", "/terms"): where
 * the fragment, not the path, is the page's address. Null for a plain anchor ("#privacy").
 */
export function hashRoutePath(hash: string): string | null {
  const route = /^#!?(\/[^?]*)/.exec(hash);
  return route ? route[1]! : null;
}

/** `decodeURIComponent`, or the text as it is when it holds a malformed escape. */
export function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
