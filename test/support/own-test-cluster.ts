import { execFile, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'test-postgres.sh');
const run = promisify(execFile);

export type OwnTestCluster = {
  /** The application role's database, with the vector extension. */
  url: string;
  superuserUrl: string;
  /** Stops the server as a crash would (`pg_ctl stop -m immediate`). */
  stopNow(): Promise<void>;
  /** The same, blocking, for a callback that must not return before the server is gone. */
  stopNowSync(): void;
  /** Starts it again on the same port. */
  resume(): Promise<void>;
  /** Stops it for good and removes its folder. */
  remove(): Promise<void>;
};

/** A PostgreSQL cluster for one test file alone, started by test-postgres.sh, which the test may stop and start. */
export async function startOwnTestCluster(): Promise<OwnTestCluster> {
  const { stdout } = await run(SCRIPT, ['start']);
  const values = new Map(
    [...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1]!, match[2]!] as const),
  );
  const directory = values.get('HUIYING_TEST_POSTGRES_DIR')!;
  return {
    url: values.get('HUIYING_TEST_DATABASE_URL')!,
    superuserUrl: values.get('HUIYING_TEST_SUPERUSER_URL')!,
    stopNow: async () => void (await run(SCRIPT, ['stop-now', directory])),
    stopNowSync: () => void execFileSync(SCRIPT, ['stop-now', directory], { stdio: 'ignore' }),
    resume: async () => void (await run(SCRIPT, ['resume', directory])),
    remove: async () => void (await run(SCRIPT, ['stop', directory])),
  };
}
