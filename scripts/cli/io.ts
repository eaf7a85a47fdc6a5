import { createInterface } from 'node:readline';

/** A usage error or unreadable input: exit code 1 with a one-line message (spec/cli.md). */
export class CliError extends Error {}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * Maps each JSON line of stdin through `handle`, writing one JSON line per input line in order.
 * Output is buffered in blocks so 20,000 lines cost one process and few writes. A bad line stops
 * the command, but only after the answers to every line before it are written: a caller can tell
 * from stdout how far it got, and 19,999 good lines are not lost to the 20,000th.
 */
export async function mapJsonLines(handle: (value: unknown, lineNumber: number) => unknown) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = '';
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new CliError(`line ${lineNumber}: not valid JSON`);
      }
      buffer += `${JSON.stringify(handle(value, lineNumber))}\n`;
      if (buffer.length > 1 << 16) {
        process.stdout.write(buffer);
        buffer = '';
      }
    }
  } finally {
    process.stdout.write(buffer);
  }
}
