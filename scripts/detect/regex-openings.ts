// The openings of a regular expression's matches: every string of `length` characters that a match
// can begin with, and every whole match shorter than that. Used to generate the cheap test that
// spares the detector's document-type patterns from running (and being compiled) on text they
// cannot match; see lib/analysis/type-openings.ts.
//
// Reads the subset of the syntax those patterns use: literals, escapes, classes, `.`, groups
// (capturing, non-capturing, lookaround), alternation and the quantifiers ? * + {n,m}. Anything
// else throws, so a pattern written with new syntax fails the generator instead of being
// misread. Lookarounds and anchors consume nothing, so ignoring them can only add openings.

type Node =
  | { kind: 'chars'; chars: readonly string[] }
  | { kind: 'empty' }
  | { kind: 'sequence'; items: readonly Node[] }
  | { kind: 'alternation'; options: readonly Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number };

const WORD_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'0123456789',
  '_',
];
const DIGITS = [...'0123456789'];
const SPACES = [' ', '\t', '\n', '\r', '\f', '\v', '\u00a0'];
/** `.` and negated classes: any character the detector's normalised text can hold at a word start. */
const ANY = [...WORD_CHARS, ...SPACES, ...'&\'"-'];

class Parser {
  private position = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.position < this.source.length) this.fail('unexpected )');
    return node;
  }

  private fail(message: string): never {
    throw new Error(`${message} at ${this.position} in /${this.source}/`);
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.position += 1;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alternation', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'sequence', items };
  }

  private quantified(item: Node): Node {
    const next = this.peek();
    let min: number;
    let max: number;
    if (next === '?') [min, max] = [0, 1];
    else if (next === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (next === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (next === '{') {
      const bounds = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.position));
      if (!bounds) this.fail('unsupported {');
      min = Number(bounds[1]);
      max = bounds[2] ? (bounds[3] ? Number(bounds[3]) : Number.POSITIVE_INFINITY) : min;
      this.position += bounds[0].length - 1;
    } else return item;
    this.position += 1;
    if (this.peek() === '?') this.position += 1;
    return { kind: 'repeat', item, min, max };
  }

  private atom(): Node {
    const char = this.source[this.position]!;
    this.position += 1;
    if (char === '(') return this.group();
    if (char === '[') return this.characterClass();
    if (char === '.') return { kind: 'chars', chars: ANY };
    if (char === '^' || char === '$') return { kind: 'empty' };
    if (char === '\\') {
      const escaped = this.escape();
      return escaped === null ? { kind: 'empty' } : { kind: 'chars', chars: escaped };
    }
    if ('*+?{'.includes(char)) this.fail('nothing to repeat');
    return { kind: 'chars', chars: [char] };
  }

  private group(): Node {
    let zeroWidth = false;
    if (this.source.startsWith('?:', this.position)) this.position += 2;
    else if (/^\?<?[=!]/.test(this.source.slice(this.position))) {
      zeroWidth = true;
      this.position += this.source[this.position + 1] === '<' ? 3 : 2;
    } else if (this.peek() === '?') this.fail('unsupported group');
    const inner = this.alternation();
    if (this.peek() !== ')') this.fail('missing )');
    this.position += 1;
    return zeroWidth ? { kind: 'empty' } : inner;
  }

  /** The characters of an escape; null for the zero-width ones (\b, \B). */
  private escape(): readonly string[] | null {
    const char = this.source[this.position];
    if (char === undefined) this.fail('trailing \\');
    this.position += 1;
    if (char === 'b' || char === 'B') return null;
    if (char === 'w') return WORD_CHARS;
    if (char === 'd') return DIGITS;
    if (char === 's') return SPACES;
    if ('WDSpPux0123456789ckn'.includes(char)) this.fail(`unsupported escape \\${char}`);
    return [char];
  }

  private characterClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.position += 1;
    const chars = new Set<string>();
    while (this.peek() !== ']') {
      if (this.position >= this.source.length) this.fail('missing ]');
      let first: readonly string[];
      if (this.peek() === '\\') {
        this.position += 1;
        first = this.escape() ?? this.fail('\\b in a class');
      } else {
        first = [this.source[this.position]!];
        this.position += 1;
      }
      if (this.peek() === '-' && this.source[this.position + 1] !== ']' && first.length === 1) {
        const end = this.source[this.position + 1]!;
        this.position += 2;
        for (let code = first[0]!.charCodeAt(0); code <= end.charCodeAt(0); code += 1) {
          chars.add(String.fromCharCode(code));
        }
      } else for (const char of first) chars.add(char);
    }
    this.position += 1;
    return { kind: 'chars', chars: negated ? ANY.filter((char) => !chars.has(char)) : [...chars] };
  }
}

/**
 * Extends every unfinished opening in `openings` (shorter than `length`) by `node`; finished ones
 * pass through. A string shorter than `length` in the result is a whole match so far.
 */
function extend(node: Node, openings: ReadonlySet<string>, length: number): Set<string> {
  const done = [...openings].filter((opening) => opening.length >= length);
  const open = new Set([...openings].filter((opening) => opening.length < length));
  if (open.size === 0) return new Set(done);
  let result: Set<string>;
  switch (node.kind) {
    case 'empty':
      result = open;
      break;
    case 'chars':
      result = new Set([...open].flatMap((opening) => node.chars.map((char) => opening + char)));
      break;
    case 'sequence':
      result = node.items.reduce((current, item) => extend(item, current, length), open);
      break;
    case 'alternation':
      result = new Set(node.options.flatMap((option) => [...extend(option, open, length)]));
      break;
    case 'repeat': {
      let current: Set<string> = open;
      for (let count = 0; count < node.min; count += 1) {
        current = extend(node.item, current, length);
      }
      result = new Set(current);
      // Each further repetition either adds a character to an unfinished opening or changes
      // nothing new, so this stops after at most `length` rounds.
      for (let count = node.min; count < node.max; count += 1) {
        const next = extend(node.item, current, length);
        const added = [...next].filter((opening) => !result.has(opening));
        if (added.length === 0) break;
        for (const opening of added) result.add(opening);
        current = new Set(added);
      }
      break;
    }
  }
  for (const opening of done) result.add(opening);
  return result;
}

/** Every opening of `pattern`'s matches, sorted: see the file comment. */
export function regexOpenings(pattern: RegExp, length: number): string[] {
  if (pattern.flags.replace(/[gy]/g, '') !== '') {
    throw new Error(`flags ${pattern.flags} are not supported in /${pattern.source}/`);
  }
  const tree = new Parser(pattern.source).parse();
  return [...extend(tree, new Set(['']), length)].sort();
}
