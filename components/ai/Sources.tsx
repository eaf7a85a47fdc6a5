import type { Excerpt } from '@/lib/feed/schema';
import { type DocumentLink, excerptSource } from '@/lib/ui/ai-verdict';

/** Verbatim excerpts, each named by document and version and linked to the live clause. */
export function ExcerptList({
  excerpts,
  documents,
}: {
  excerpts: readonly Excerpt[];
  documents: readonly DocumentLink[];
}) {
  return (
    <ul className="source-list" data-testid="ai-sources">
      {excerpts.map((excerpt) => {
        const source = excerptSource(excerpt, documents);
        return (
          <li key={`${excerpt.document}-${excerpt.version}-${excerpt.text}`}>
            <blockquote>{excerpt.text}</blockquote>
            <span className="muted">
              {source.documentTitle}, version of {source.versionDate}
            </span>
            {source.href && (
              <>
                {' · '}
                <a
                  href={source.href}
                  target="_blank"
                  rel="noreferrer noopener"
                  aria-label={`Open ${source.documentTitle} at this clause (new tab)`}
                  data-testid="excerpt-link"
                >
                  Open at this clause
                </a>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The excerpts behind one claim of a card, folded by default: the claims are the answer, the
 * quotes the proof, and a popup has no room for both at once.
 */
export function Sources({
  excerpts,
  documents,
  label = 'Sources',
}: {
  excerpts: readonly Excerpt[];
  documents: readonly DocumentLink[];
  label?: string;
}) {
  if (excerpts.length === 0) return null;
  return (
    <details>
      <summary>
        {label} ({excerpts.length})
      </summary>
      <ExcerptList excerpts={excerpts} documents={documents} />
    </details>
  );
}
