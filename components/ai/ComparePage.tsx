import './ai.css';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { aiPlatformsQuery } from '@/lib/ui/ai-queries';
import { safeHttpsUrl } from '@/lib/ui/ai-verdict';
import {
  buildCompareRows,
  COMPARE_COLUMNS,
  type CompareFilters,
  type CompareRow,
  type CompareSort,
  compareCsv,
  DEFAULT_COMPARE_SORT,
  filterRows,
  NO_COMPARE_FILTERS,
  nextSort,
  sortRows,
} from '@/lib/ui/compare-model';

const VERDICT_ICONS = { trains: '▲', 'no-training': '✓', depends: '◆' } as const;

/** A cell's value linked to the excerpt it rests on; plain text when no https link exists. */
function ExcerptLink({
  href,
  children,
  description,
  atClause = true,
}: {
  href: string | null;
  children: ReactNode;
  /** Spoken instead of a bare "yes"/"no", which means nothing out of its column. */
  description: string;
  /** False when the link opens the document, not a quoted clause of it. */
  atClause?: boolean;
}) {
  const safe = safeHttpsUrl(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a
      href={safe}
      target="_blank"
      rel="noreferrer noopener"
      aria-label={`${description} — open the policy${atClause ? ' at this clause' : ''} (new tab)`}
    >
      {children}
    </a>
  );
}

function downloadCsv(rows: readonly CompareRow[]) {
  const blob = new Blob([compareCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `fineprint-ai-platforms-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download reads the URL asynchronously; revoking at once can cancel it in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ComparePage() {
  const platforms = useQuery(aiPlatformsQuery());
  const [filters, setFilters] = useState<CompareFilters>(NO_COMPARE_FILTERS);
  const [sort, setSort] = useState<CompareSort>(DEFAULT_COMPARE_SORT);
  const rows = useMemo(() => buildCompareRows(platforms.data ?? []), [platforms.data]);
  const shown = useMemo(() => sortRows(filterRows(rows, filters), sort), [rows, filters, sort]);

  return (
    <div className="page">
      <h1>Compare AI platforms</h1>
      <p className="muted">
        What each platform's policies say about training AI on your content, curated by Fineprint
        from archived policy texts. Every value links to the clause it comes from.
      </p>
      {platforms.isPending && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {platforms.isError && (
        <p className="notice" role="alert">
          Fineprint could not load the platforms: {platforms.error.message}
        </p>
      )}
      {platforms.isSuccess && (
        <>
          <fieldset className="row" aria-label="Filters" style={{ border: 'none', padding: 0 }}>
            <label>
              <span className="visually-hidden">Search platforms</span>
              <input
                type="search"
                placeholder="Search"
                data-testid="compare-search"
                value={filters.search}
                onChange={(event) => setFilters({ ...filters, search: event.target.value })}
              />
            </label>
            <label>
              <input
                type="checkbox"
                data-testid="filter-trains"
                checked={filters.trainsByDefaultOnly}
                onChange={(event) =>
                  setFilters({ ...filters, trainsByDefaultOnly: event.target.checked })
                }
              />{' '}
              Trains by default only
            </label>
            <label>
              <input
                type="checkbox"
                data-testid="filter-opt-out"
                checked={filters.optOutAvailableOnly}
                onChange={(event) =>
                  setFilters({ ...filters, optOutAvailableOnly: event.target.checked })
                }
              />{' '}
              Opt-out available
            </label>
            <button
              type="button"
              data-testid="export-csv"
              disabled={shown.length === 0}
              onClick={() => downloadCsv(shown)}
            >
              Export CSV
            </button>
          </fieldset>
          <p className="muted small" role="status" data-testid="compare-count">
            Showing {shown.length} of {rows.length} platforms. “Trains by default” means on a free
            or paid individual plan, unless you opt out.
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="table-scroll" aria-label="AI platforms" tabIndex={0}>
            <table className="compare-table" data-testid="compare-table">
              <thead>
                <tr>
                  {COMPARE_COLUMNS.map((column) => (
                    <th
                      key={column.id}
                      scope="col"
                      aria-sort={sort.column === column.id ? sort.direction : 'none'}
                      data-column={column.id}
                    >
                      <button type="button" onClick={() => setSort(nextSort(sort, column.id))}>
                        {column.label}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <CompareTableRow key={row.platformId} row={row} />
                ))}
              </tbody>
            </table>
          </section>
          {shown.length === 0 && (
            <p className="notice">
              {rows.length === 0
                ? 'The feed has no AI platform yet.'
                : 'No platform matches these filters.'}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function CompareTableRow({ row }: { row: CompareRow }) {
  const name = row.name;
  return (
    <tr data-testid="compare-row" data-platform-id={row.platformId}>
      <th scope="row">
        <a href={`/platform.html?id=${encodeURIComponent(row.platformId)}`}>{name}</a>
      </th>
      <td data-column="training">
        <strong className={`verdict-${row.verdict}`}>
          <span aria-hidden="true">{VERDICT_ICONS[row.verdict]} </span>
          {row.verdictText}
        </strong>
        <ul>
          {row.tiers.map((tier) => (
            <li key={`${tier.tier}-${tier.label}`}>
              {tier.name}:{' '}
              <ExcerptLink
                href={tier.href}
                description={`${name}, ${tier.label}: ${tier.trainsByDefault ? 'trains by default' : 'does not train by default'}`}
              >
                {tier.trainsByDefault ? 'trains' : 'no'}
              </ExcerptLink>
            </li>
          ))}
        </ul>
      </td>
      <td data-column="optOut">
        <ExcerptLink
          href={row.optOut.href}
          description={`${name}: opt-out ${row.optOut.available ? 'available' : 'not available'}`}
        >
          <span aria-hidden="true">{row.optOut.available ? '✓ ' : '▲ '}</span>
          {row.optOut.available ? 'Available' : 'Not available'}
        </ExcerptLink>
        {row.optOut.settingsUrl && (
          <>
            {' · '}
            <a
              href={row.optOut.settingsUrl}
              target="_blank"
              rel="noreferrer noopener"
              aria-label={`Open ${name}'s training setting (new tab)`}
            >
              setting
            </a>
          </>
        )}
      </td>
      <td data-column="carveOuts">
        <strong>{row.carveOuts.length}</strong>
        {row.carveOuts.length > 0 && (
          <ul>
            {row.carveOuts.map((carveOut) => (
              <li key={carveOut.title}>
                <ExcerptLink
                  href={carveOut.href}
                  description={`${name}, not covered by the opt-out: ${carveOut.title}`}
                >
                  {carveOut.title}
                </ExcerptLink>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-column="humanReview">
        <ExcerptLink href={row.humanReview.href} description={`${name}: human review`}>
          {row.humanReview.happens === null ? 'Not stated' : row.humanReview.happens ? 'Yes' : 'No'}
        </ExcerptLink>
        <p className="small muted">{row.humanReview.description}</p>
      </td>
      <td data-column="retention">
        {row.retention ? (
          <>
            {row.retention.description}{' '}
            <ExcerptLink href={row.retention.href} description={`${name}: retention`}>
              (clause)
            </ExcerptLink>
          </>
        ) : (
          <span className="muted">Not stated</span>
        )}
      </td>
      <td data-column="lastChange">
        {row.lastChange ? (
          <>
            <ExcerptLink
              href={row.lastChange.href}
              atClause={false}
              description={`${name}: last policy change on ${row.lastChange.date}`}
            >
              <time dateTime={row.lastChange.date}>{row.lastChange.date}</time>
            </ExcerptLink>
            <details>
              <summary className="small">What changed</summary>
              <p className="small">{row.lastChange.summary}</p>
            </details>
          </>
        ) : (
          <span className="muted">None recorded</span>
        )}
      </td>
    </tr>
  );
}
