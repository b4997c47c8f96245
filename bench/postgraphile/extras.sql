-- What a PostGraphile user adds for the benchmark's queries, applied to the
-- benchmark database after the import (bench/run drops the database after).
--
-- Q3: PostGraphile has no search of its own; the documented way is a SQL
-- function, which it exposes as a root field. This one uses the same GIN
-- index newsgraph searches statements with (migration 8), and ranks by
-- nothing, so it does less than newsgraph's search of names, aliases,
-- issues and statements with scores.
CREATE OR REPLACE FUNCTION search_statements(q text) RETURNS SETOF statement
LANGUAGE sql STABLE AS $$
  SELECT * FROM statement
  WHERE to_tsvector('simple', folded_text) @@ to_tsquery('simple', q)
  ORDER BY id
$$;

-- Q4: PostGraphile orders by said_on with NULLs last, which newsgraph's
-- index (said_on NULLS FIRST, id) cannot serve.
CREATE INDEX IF NOT EXISTS bench_statement_said_on ON statement (said_on, id);
ANALYZE statement;
