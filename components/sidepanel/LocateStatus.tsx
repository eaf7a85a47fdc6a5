/** Tells the reader when a clause could not be found in the page any more. */
export function LocateStatus({
  located,
  fallback,
}: {
  located: boolean | undefined;
  fallback: { excerpt: string; date: string | null } | null;
}) {
  if (located !== false) return null;
  return (
    <div className="notice small" role="status">
      <p>
        This clause is not on the page as shown now: the policy may have changed since
        {fallback?.date ? ` the version of ${fallback.date}` : ' it was analysed'}.
      </p>
      {fallback && <blockquote>{fallback.excerpt}</blockquote>}
    </div>
  );
}
