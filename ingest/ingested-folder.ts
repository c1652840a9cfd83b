import type { Queryable } from '../db/database.ts';

/**
 * The deepest folder that holds every file ingested from disk (`/srv/office/policies` for files under it), or
 * undefined when none was. Pages show a file's path relative to it, so staff see where a document sits in the
 * office's own folders and not where the server keeps them. The common prefix of all paths is the common prefix of
 * the first and last in sort order, so this reads two values, not every path.
 */
export async function findIngestedFolder(database: Queryable): Promise<string | undefined> {
  const [row] = await database.query<{ first: string | null; last: string | null }>(
    `SELECT min(source_uri) AS first, max(source_uri) AS last FROM documents WHERE source_uri LIKE '/%'`,
  );
  if (!row?.first || !row.last) return undefined;
  let length = 0;
  while (length < row.first.length && row.first[length] === row.last[length]) length += 1;
  const common = row.first.slice(0, length);
  // Up to the last separator: the common prefix /srv/office/po of /srv/office/policies/a.md and
  // /srv/office/posts/b.md is in the folder /srv/office (and one file's own folder holds it alone).
  const folder = common.slice(0, common.lastIndexOf('/'));
  return folder === '' ? '/' : folder;
}
