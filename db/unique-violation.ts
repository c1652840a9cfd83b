/**
 * True when a statement failed because a row with the same unique key exists (SQLSTATE 23505), as raised by
 * PGlite and by a PostgreSQL server through `pg`. Callers above db/ ask this instead of reading driver codes.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
