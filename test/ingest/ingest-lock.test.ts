import { expect, it } from 'vitest';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

it('refuses a second ingest started while one runs in the same process, and lets the next one run', async () => {
  const database = await openTestPglite();
  const folder = fixtureFolder({ withSampleOffice: true });
  const embedder = new HashingEmbedder({ dimensions: 64 });
  try {
    let second: Promise<unknown> | undefined;
    const first = await ingestSources({
      database,
      embedder,
      inputs: [folder.root],
      onProgress: () => {
        second ??= ingestSources({ database, embedder, inputs: [folder.root] }).catch((error) => error);
      },
    });
    expect(first).toMatchObject({ added: 7 });
    expect(await second).toMatchObject({ code: 'database-busy', message: /Another ingest is running/ });
    expect(await ingestSources({ database, embedder, inputs: [folder.root] })).toMatchObject({ unchanged: 7 });
  } finally {
    await database.close();
    folder.remove();
  }
});
