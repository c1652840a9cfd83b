import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { openTestPglite } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });

describe('versions, editions and withdrawn sources', () => {
  let database: Database;
  const folder = fixtureFolder({ withSampleOffice: true });
  const ingest = (options: { prune?: boolean } = {}) =>
    ingestSources({ database, embedder, inputs: [folder.root], ...options });
  const versionsOf = (name: string) =>
    database.query<{ version: number; status: string; validity: string }>(
      'SELECT version, status, validity FROM documents WHERE source_uri = $1 ORDER BY version',
      [folder.path(name)],
    );

  beforeAll(async () => {
    database = await openTestPglite();
    await ingest();
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });

  it('keeps the older edition of a regulation as superseded (已修订) and searches only the newer', async () => {
    expect(await versionsOf('青禾市公共停车场管理办法(2019-03-01).md')).toEqual([
      { version: 1, status: 'superseded', validity: '已修订' },
    ]);
    const results = await hybridSearch({ database, embedder, query: '公共停车场收费标准', limit: 5 });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.document.sourceUri.endsWith('(2023-06-15).md'))).toBe(true);
    const all = await hybridSearch({
      database,
      embedder,
      query: '公共停车场收费标准',
      limit: 10,
      filters: { includeInvalid: true },
    });
    expect(all.some((result) => result.document.status === 'superseded' && result.document.validity === '已修订')).toBe(
      true,
    );
  });

  it('stores a changed file as a new version and supersedes the old one', async () => {
    const name = '依申请公开常见问题.txt';
    writeFileSync(
      folder.path(name),
      readFileSync(folder.path(name), 'utf8').replace('不收费。', '不收费，也不收取邮寄费用。'),
    );
    const summary = await ingest();
    expect(summary).toMatchObject({ updated: 1, added: 0, unchanged: 6 });
    expect(await versionsOf(name)).toEqual([
      { version: 1, status: 'superseded', validity: '有效' },
      { version: 2, status: 'current', validity: '有效' },
    ]);
    const results = await hybridSearch({ database, embedder, query: '邮寄费用', limit: 3 });
    expect(results[0]?.content).toContain('也不收取邮寄费用');
    expect(results.every((result) => result.document.version === 2 || !result.document.sourceUri.endsWith(name))).toBe(
      true,
    );
  });

  it('withdraws a document whose file disappeared when asked to prune, and restores it when the file returns', async () => {
    const name = '汛期城区内涝应对口径.md';
    renameSync(folder.path(name), `${folder.root}.moved.md`);
    expect((await ingest()).withdrawn).toBe(0);
    expect((await ingest({ prune: true })).withdrawn).toBe(1);
    expect(await versionsOf(name)).toEqual([{ version: 1, status: 'withdrawn', validity: '有效' }]);
    expect(
      (await hybridSearch({ database, embedder, query: '内涝 排涝 积水', limit: 5 })).some((result) =>
        result.document.sourceUri.endsWith(name),
      ),
    ).toBe(false);

    renameSync(`${folder.root}.moved.md`, folder.path(name));
    expect((await ingest()).restored).toBe(1);
    expect(await versionsOf(name)).toEqual([{ version: 1, status: 'current', validity: '有效' }]);
  });

  it('makes the older edition current again when the newer one is withdrawn', async () => {
    const newer = '青禾市公共停车场管理办法(2023-06-15).md';
    const kept = readFileSync(folder.path(newer));
    rmSync(folder.path(newer));
    await ingest({ prune: true });
    expect(await versionsOf('青禾市公共停车场管理办法(2019-03-01).md')).toEqual([
      { version: 1, status: 'current', validity: '有效' },
    ]);
    writeFileSync(folder.path(newer), kept);
    await ingest();
    expect(await versionsOf('青禾市公共停车场管理办法(2019-03-01).md')).toEqual([
      { version: 1, status: 'superseded', validity: '已修订' },
    ]);
  });
});
