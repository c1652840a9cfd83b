import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { indexFinishOwed } from '../../ingest/finish-index.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { storedEmbedder } from '../../ingest/search-index.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });

describe("the ingest's finish step (editions, lexicon, embedder record)", () => {
  let database: Database;
  const folder = fixtureFolder({ withSampleOffice: true });
  const ingest = (onProgress?: Parameters<typeof ingestSources>[0]['onProgress']) =>
    ingestSources({ database, embedder, inputs: [folder.root], onProgress });
  const keywordResults = () => hybridSearch({ database, embedder, query: '公共停车场收费标准', mode: 'lexical' });

  beforeEach(async () => {
    database = await openTestPglite();
  });
  afterEach(async () => {
    await database.close();
  });

  it('is made up by the next ingest after a crash between the last batch and the finish, though no file changed', async () => {
    // The ingest dies where the files are all written and the finish has not begun.
    await expect(
      ingest((progress) => {
        if (progress.stage === 'indexing') throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await database.query('SELECT 1 FROM documents')).toHaveLength(7);
    expect(await keywordResults()).toEqual([]);
    expect(await indexFinishOwed(database)).toBe(true);

    const again = await ingest();
    expect(again).toMatchObject({ added: 0, unchanged: 7, superseded: 1 });
    expect((await keywordResults()).length).toBeGreaterThan(0);
    expect(await storedEmbedder(database)).toBe(embedder.id);
    expect(await indexFinishOwed(database)).toBe(false);
  });

  it('is not run again when nothing changed and nothing is missing', async () => {
    await ingest();
    expect(await indexFinishOwed(database)).toBe(false);
    expect(await ingest()).toMatchObject({ unchanged: 7, superseded: 0 });
  });

  it('rebuilds a lexicon emptied behind its back', async () => {
    await ingest();
    await database.exec('DELETE FROM lexicon');
    expect(await indexFinishOwed(database)).toBe(true);
    await ingest();
    expect((await keywordResults()).length).toBeGreaterThan(0);
  });

  it('is owed again after anything else writes documents (a talking point published in the console)', async () => {
    await ingest();
    await database.query(`UPDATE documents SET topic = '交通' WHERE id = (SELECT min(id) FROM documents)`);
    expect(await indexFinishOwed(database)).toBe(true);
  });
});
