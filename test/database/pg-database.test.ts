import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../db/pg-database.ts';
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
      await expect(openPgDatabase({ connectionString: `postgres://postgres:secret@${server.getServerConn()}/postgres` })).rejects.toMatchObject({
        code: 'database-extension-missing',
        message: expect.stringMatching(/no pgvector extension\. Install pgvector on the server .*or unset DATABASE_URL/),
      });
    } finally {
      await server.stop();
      await pglite.close();
    }
  });

  it('says when nothing answers at the address, without printing the password', async () => {
    const port = await unusedPort();
    const error = await openPgDatabase({ connectionString: `postgres://huiying:s3cret-pass@127.0.0.1:${port}/huiying` }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'database-unavailable', message: expect.stringContaining(`postgres://huiying:***@127.0.0.1:${port}/huiying`) });
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
