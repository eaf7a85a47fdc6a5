import { hasModel, MODEL_LANGUAGES } from '../../lib/analysis/language';
import { classifierForLanguage } from '../../lib/analysis/terms-classifier';
import type { ClauseLabel } from '../../lib/analysis/types';
import { CliError, mapJsonLines } from './io';

/**
 * One input line's label. A line is too short to tell its language, so it is English unless it
 * says otherwise: `"language": "de"` (or "it", "pl") has it read by that language's terms model.
 */
export function classifyLine(value: unknown, lineNumber: number): ClauseLabel {
  const line =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (typeof line.text !== 'string') {
    throw new CliError(`line ${lineNumber}: expected an object with a string "text"`);
  }
  return classifierForLanguage(languageOf(line.language, lineNumber))([line.text])[0]!;
}

function languageOf(language: unknown, lineNumber: number): string {
  if (language === undefined) return 'en';
  if (typeof language === 'string' && hasModel(language)) return language;
  throw new CliError(
    `line ${lineNumber}: no model for "language" ${JSON.stringify(language)} (${MODEL_LANGUAGES.join(', ')})`,
  );
}

/** `classify`: JSON lines `{"text"}` on stdin → `{"categories","severity"}` lines, same order. */
export default async function classify(args: string[]): Promise<void> {
  if (args.length > 0) throw new CliError(`classify: unexpected argument ${args[0]}`);
  await mapJsonLines(classifyLine);
}
