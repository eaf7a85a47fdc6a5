import { classifyClauses } from '../../lib/analysis/classifier';
import { CliError, mapJsonLines } from './io';

/** `classify`: JSON lines `{"text"}` on stdin → `{"categories","severity"}` lines, same order. */
export default async function classify(args: string[]): Promise<void> {
  if (args.length > 0) throw new CliError(`classify: unexpected argument ${args[0]}`);
  await mapJsonLines((value, lineNumber) => {
    const text =
      typeof value === 'object' && value !== null ? (value as { text?: unknown }).text : undefined;
    if (typeof text !== 'string') {
      throw new CliError(`line ${lineNumber}: expected an object with a string "text"`);
    }
    const [label] = classifyClauses([text]);
    return label;
  });
}
