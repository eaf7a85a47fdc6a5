import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the project's real Biome configuration (lint/no-inner-html.grit plus the security rules of
// biome.json) on probe files, so a rule that stops matching fails here, not in a review.

const PRELUDE = `declare const el: HTMLElement;
declare const link: HTMLAnchorElement;
declare const text: string;
declare const range: Range;
declare const frame: HTMLIFrameElement;
`;

/** Each must be reported: one sink per file, so a report names which one. */
const SINKS: Record<string, string> = {
  innerHTML: 'el.innerHTML = text;',
  innerHTMLAppend: 'el.innerHTML += text;',
  outerHTML: 'el.outerHTML = text;',
  insertAdjacentHTML: "el.insertAdjacentHTML('beforeend', text);",
  srcdoc: 'frame.srcdoc = text;',
  documentWrite: 'document.write(text);',
  documentWriteln: 'document.writeln(text);',
  windowDocumentWrite: 'window.document.write(text);',
  contextualFragment: 'range.createContextualFragment(text);',
  setHTMLUnsafe: 'el.setHTMLUnsafe(text);',
  eval: 'eval(text);',
  windowEval: 'window.eval(text);',
  newFunction: "new Function('a', text);",
  functionCall: 'Function(text)();',
  setTimeoutString: "setTimeout('alert(1)', 10);",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe's source is a template literal.
  setTimeoutTemplate: 'setTimeout(`run(${text})`);',
  setIntervalString: "window.setInterval('tick()', 1000);",
  hrefJavascript: "link.href = 'javascript:alert(1)';",
  setAttributeJavascript: "link.setAttribute('href', ' JavaScript:void(0)');",
};

const JSX_SINKS: Record<string, string> = {
  dangerouslySetInnerHTML:
    'export const A = () => <div dangerouslySetInnerHTML={{ __html: text }} />;',
  jsxHrefJavascript: 'export const B = () => <a href="javascript:alert(1)">x</a>;',
  jsxHrefJavascriptExpression: "export const C = () => <a href={'javascript:alert(1)'}>x</a>;",
};

/** The safe ways, and look-alikes that are not sinks: none may be reported. */
const SAFE = `${PRELUDE}
el.textContent = text;
el.append(document.createTextNode(text));
const item = document.createElement('li');
item.textContent = text;
el.appendChild(item);
link.href = 'https://example.com/policy';
link.setAttribute('href', 'https://example.com/policy');
link.setAttribute('title', text);
setTimeout(() => el.remove(), 10);
window.setInterval(() => el.focus(), 1000);
process.stderr.write(text);
process.stdout.write(\`\${text}\\n\`);
const parsed = new DOMParser().parseFromString(text, 'text/html');
el.innerText = parsed.title;
el.title = text;
const functionName = 'Function';
const note = 'javascript: is refused everywhere';
export { functionName, note };
`;

const SAFE_JSX = `declare const text: string;
export const Safe = () => (
  <p title={text}>
    {text} <a href="https://example.com/policy">policy</a> {'javascript:alert(1)'}
  </p>
);
`;

const probeDir = resolve('tests/unit', `.lint-probes-${randomBytes(4).toString('hex')}`);

interface Diagnostic {
  category: string;
  location: { path: string };
}

let diagnostics: Diagnostic[] = [];

function reportsFor(file: string): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.location.path.endsWith(`/${file}`))
    .map((diagnostic) => diagnostic.category);
}

const SECURITY = /^(plugin|lint\/security\/.+)$/;

beforeAll(() => {
  mkdirSync(probeDir, { recursive: true });
  for (const [name, code] of Object.entries(SINKS)) {
    writeFileSync(resolve(probeDir, `${name}.ts`), `${PRELUDE}${code}\n`);
  }
  for (const [name, code] of Object.entries(JSX_SINKS)) {
    writeFileSync(resolve(probeDir, `${name}.tsx`), `declare const text: string;\n${code}\n`);
  }
  writeFileSync(resolve(probeDir, 'safe.ts'), SAFE);
  writeFileSync(resolve(probeDir, 'safe-jsx.tsx'), SAFE_JSX);
  let output: string;
  try {
    output = execFileSync(
      resolve('node_modules/.bin/biome'),
      ['lint', '--reporter=json', '--max-diagnostics=none', probeDir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch (error) {
    // Biome exits non-zero when it reports errors, which the sinks are there to cause.
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  diagnostics = (JSON.parse(output) as { diagnostics: Diagnostic[] }).diagnostics;
}, 60_000);

afterAll(() => {
  rmSync(probeDir, { recursive: true, force: true });
});

describe('untrusted-text lint rule', () => {
  it.each(Object.keys(SINKS))('reports %s', (name) => {
    expect(reportsFor(`${name}.ts`)).toContain('plugin');
  });

  it.each(Object.keys(JSX_SINKS))('reports %s', (name) => {
    expect(reportsFor(`${name}.tsx`).filter((category) => SECURITY.test(category))).not.toEqual([]);
  });

  it('leaves text nodes, https links, callbacks and process.stderr.write alone', () => {
    expect(reportsFor('safe.ts').filter((category) => SECURITY.test(category))).toEqual([]);
    expect(reportsFor('safe-jsx.tsx').filter((category) => SECURITY.test(category))).toEqual([]);
  });
});
