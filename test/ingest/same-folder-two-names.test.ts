import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

const folder = fixtureFolder({ withSampleOffice: true });
const links = fixtureFolder();
afterAll(() => {
  folder.remove();
  links.remove();
});

it('ingests a folder reached through a link as the same folder: nothing is added twice or superseded', async () => {
  const database = await openTestPglite();
  try {
    const embedder = new HashingEmbedder({ dimensions: 64 });
    const first = await ingestSources({ database, embedder, inputs: [folder.root] });
    expect(first.added).toBeGreaterThan(0);
    const link = join(links.root, 'office');
    symlinkSync(folder.root, link);
    const again = await ingestSources({ database, embedder, inputs: [link] });
    expect(again).toMatchObject({ added: 0, updated: 0, superseded: 0, unchanged: first.added });
    const [row] = await database.query<{ count: string }>(
      `SELECT count(*) AS count FROM documents WHERE status = 'current'`,
    );
    // The sample office's older parking regulation was superseded by its newer edition in the first run, and only then.
    expect(Number(row!.count)).toBe(first.added - first.superseded);
  } finally {
    await database.close();
  }
});
