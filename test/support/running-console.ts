import { afterAll, beforeAll } from 'vitest';
import { createAccount, type Account } from '../../review/accounts/accounts.ts';
import type { Clock } from '../../config/clock.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { useSampleOfficeDatabase } from './sample-office-database.ts';

export type ConsoleAccounts = Record<'staff' | 'drafter' | 'approver' | 'secondApprover' | 'admin', Account>;

/** The password every account made by `useRunningConsole` has. */
export const TEST_PASSWORD = 'correct horse battery';

/**
 * Registers hooks that run a console (port 0, no warm-up) on a fresh sample-office database with one account per
 * role, and collect what it logs. Read the fields inside tests.
 */
export function useRunningConsole(options: { environment?: Record<string, string>; clock?: Clock } = {}): {
  readonly running: RunningConsole;
  readonly url: string;
  readonly accounts: ConsoleAccounts;
  readonly log: string[];
  readonly sample: ReturnType<typeof useSampleOfficeDatabase>;
} {
  const sample = useSampleOfficeDatabase();
  const log: string[] = [];
  let running: RunningConsole | undefined;
  let accounts: ConsoleAccounts | undefined;
  beforeAll(async () => {
    const make = (username: string, role: Account['role']) =>
      createAccount(sample.database, { username, password: TEST_PASSWORD, role, displayName: username });
    accounts = {
      staff: await make('staff-li', 'staff'),
      drafter: await make('drafter-wang', 'drafter'),
      approver: await make('approver-zhao', 'approver'),
      secondApprover: await make('approver-chen', 'approver'),
      admin: await make('admin-he', 'admin'),
    };
    running = await runConsole({
      config: loadConfig({ environment: options.environment ?? {} }),
      database: sample.database,
      embedder: sample.embedder,
      clock: options.clock,
      port: 0,
      warmUpSearches: 0,
      log: (line) => log.push(line),
    });
  });
  afterAll(async () => {
    await running?.stop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The running console is only available inside tests.');
    return value;
  };
  return {
    get running() {
      return need(running);
    },
    get url() {
      return need(running).url;
    },
    get accounts() {
      return need(accounts);
    },
    log,
    sample,
  };
}
