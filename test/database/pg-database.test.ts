import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { describe, expect, it } from 'vitest';
import { openPgDatabase, pgvectorVersionProblem } from '../../db/pg-database.ts';
import { openTestPgOverWire } from '../support/test-databases.ts';
import { runDatabaseSuite } from './database-suite.ts';

runDatabaseSuite({ name: 'pg over the wire (pglite-socket on 127.0.0.1)', open: openTestPgOverWire });

describe('connecting to PostgreSQL through DATABASE_URL', () => {
  it('says when the server has no pgvector, and how to fix it', async () => {
    // A real Postgres over the wire, started without the vector extension.
    const pglite = await PGlite.create();
    const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1' });
    await server.start();
    try {
      await expect(
        openPgDatabase({ connectionString: `postgres://postgres:secret@${server.getServerConn()}/postgres` }),
      ).rejects.toMatchObject({
        code: 'database-extension-missing',
        message: expect.stringMatching(
          /no pgvector extension\. Install pgvector on the server .*or unset DATABASE_URL/,
        ),
      });
    } finally {
      await server.stop();
      await pglite.close();
    }
  });

  it('asks for pgvector 0.8 or newer, saying whether to upgrade the server or only the database', () => {
    expect(pgvectorVersionProblem({ default_version: '0.8.7', installed_version: null })).toBeUndefined();
    expect(pgvectorVersionProblem({ default_version: '0.10.0', installed_version: '0.8.0' })).toBeUndefined();
    expect(pgvectorVersionProblem({ default_version: '0.7.4', installed_version: null })).toMatch(
      /offers pgvector 0\.7\.4; huiying needs 0\.8\.0 or newer .*Upgrade pgvector on the server/,
    );
    expect(pgvectorVersionProblem({ default_version: '0.8.1', installed_version: '0.5.1' })).toMatch(
      /has pgvector 0\.5\.1 installed; .*The server offers 0\.8\.1: run ALTER EXTENSION vector UPDATE;/,
    );
    expect(pgvectorVersionProblem({ default_version: '0.6.0', installed_version: '0.6.0' })).toMatch(
      /Upgrade pgvector on the server \(it offers 0\.6\.0\), then run ALTER EXTENSION vector UPDATE;/,
    );
  });

  it('says when nothing answers at the address, without printing the password', async () => {
    const port = await unusedPort();
    const error = await openPgDatabase({
      connectionString: `postgres://huiying:s3cret-pass@127.0.0.1:${port}/huiying`,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'database-unavailable',
      message: expect.stringContaining(`postgres://huiying:***@127.0.0.1:${port}/huiying`),
    });
    expect((error as Error).message).not.toContain('s3cret-pass');
    expect((error as Error).message).toMatch(/Check that the server is running.*unset DATABASE_URL/);
  });
});

// A port that was free a moment ago: bind to 0, read the port, close.
async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
