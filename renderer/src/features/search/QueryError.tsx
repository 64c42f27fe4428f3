export interface QuerySyntaxError {
  message: string;
  query: string;
  position: number | null;
  length: number;
}

/** The parser's message with the offending part of the query marked in place. */
export function QueryError({ error }: { error: QuerySyntaxError }) {
  const { query, position } = error;
  const hasSpot = position !== null && position >= 0 && position <= query.length;
  const end = hasSpot ? Math.min(query.length, position + Math.max(error.length, 0)) : 0;
  return (
    <div className="query-error" role="alert" data-testid="query-error">
      <p className="error">{error.message}</p>
      {hasSpot && (
        <p className="query-echo mono" aria-label={`Problem at character ${position + 1}`}>
          {query.slice(0, position)}
          {/* A zero-length spot (e.g. "unexpected end") still gets a visible marker. */}
          <mark data-testid="query-error-mark">{end > position ? query.slice(position, end) : '\u00a0'}</mark>
          {query.slice(end)}
        </p>
      )}
    </div>
  );
}
