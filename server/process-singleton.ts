/**
 * One instance per process, made on first use. Next (Turbopack) loads its own copies of
 * server modules, so a module-level instance would give route handlers and tRPC a second
 * one (a bus nobody listens on, a cache no edit reaches); globalThis is shared by both.
 */
export function processSingleton<T>(name: string, make: () => T): T {
  const key = Symbol.for(`leadtrail.${name}`);
  const g = globalThis as { [key: symbol]: unknown };
  if (!(key in g)) g[key] = make();
  return g[key] as T;
}
