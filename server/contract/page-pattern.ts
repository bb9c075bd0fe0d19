/**
 * A goal's or funnel step's page pattern as a ClickHouse `ILIKE` pattern: `*` becomes `%`,
 * and the characters LIKE treats specially (`%`, `_`, `\`) are escaped, so a user's pattern
 * is only ever literal text and wildcards — never a regex. The value is bound as a query
 * parameter. ClickHouse runs LIKE through RE2 (or a plain substring search for simple
 * shapes), an automaton whose time is linear in the path, so no pattern can make the engine
 * backtrack; Node never evaluates the pattern at all.
 *
 * Semantics as a marketer expects from Plausible/Umami: the whole path must match
 * (`/blog/*` is every post, `/pricing` only that page), letters in either case.
 */
export function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll('*', '%');
}
