// What the benchmark prints: JSON lines of {name, value, unit} on stdout (the CLI contract), a
// readable table on stderr, and docs/bench.md with the same table, the budgets and a verdict.

export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** One line saying what was measured, for the human table. */
  label: string;
}

export interface Budget {
  metric: string;
  /** The figure must stay strictly below this, in the metric's unit. */
  below: number;
  title: string;
}

export interface BudgetVerdict extends Budget {
  value: number | null;
  unit: string;
  met: boolean;
}

export class MetricLog {
  readonly metrics: Metric[] = [];
  readonly notes: string[] = [];

  constructor(private readonly emit: (line: string) => void) {}

  add(name: string, value: number, unit: string, label: string): void {
    if (!Number.isFinite(value)) throw new Error(`metric ${name} is not a finite number: ${value}`);
    const rounded = roundForReport(value);
    this.metrics.push({ name, value: rounded, unit, label });
    this.emit(JSON.stringify({ name, value: rounded, unit }));
  }

  note(text: string): void {
    this.notes.push(text);
  }

  get(name: string): Metric | undefined {
    return this.metrics.find((metric) => metric.name === name);
  }
}

/** Four significant digits: enough for timings whose run-to-run spread is a few percent. */
export function roundForReport(value: number): number {
  if (value === 0 || Number.isInteger(value)) return value;
  return Number(value.toPrecision(4));
}

export function judge(log: MetricLog, budgets: readonly Budget[]): BudgetVerdict[] {
  return budgets.map((budget) => {
    const metric = log.get(budget.metric);
    return {
      ...budget,
      value: metric?.value ?? null,
      unit: metric?.unit ?? '',
      met: metric !== undefined && metric.value < budget.below,
    };
  });
}

export function formatValue(value: number, unit: string): string {
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 3 })} ${unit}`;
}

export function verdictText(verdict: BudgetVerdict): string {
  if (verdict.value === null) return 'not measured';
  if (verdict.met) return 'met';
  const over = verdict.value - verdict.below;
  return `NOT met (over by ${formatValue(roundForReport(over), verdict.unit)}, ${(verdict.value / verdict.below).toFixed(1)}× the budget)`;
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

export function markdownTable(headers: readonly string[], rows: readonly string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

/** A plain-text table for the terminal: columns padded to their widest cell. */
export function textTable(headers: readonly string[], rows: readonly string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

export function metricRows(metrics: readonly Metric[]): string[][] {
  return metrics.map((metric) => [
    metric.name,
    formatValue(metric.value, metric.unit),
    metric.label,
  ]);
}

export function budgetRows(verdicts: readonly BudgetVerdict[]): string[][] {
  return verdicts.map((verdict) => [
    verdict.title,
    `< ${formatValue(verdict.below, verdict.unit)}`,
    verdict.value === null ? '—' : formatValue(verdict.value, verdict.unit),
    verdictText(verdict),
  ]);
}
