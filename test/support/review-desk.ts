import { createAccount, type Account } from '../../review/accounts/accounts.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { Database } from '../../db/database.ts';
import type { Embedder } from '../../embed/embedder.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { ManualClock } from './manual-clock.ts';

export type ReviewDesk = {
  context: ReviewContext;
  clock: ManualClock;
  accounts: Record<'staff' | 'drafter' | 'approver' | 'secondApprover' | 'otherUnitApprover', Account>;
};

/** A review context on the given database with a manual clock (Monday 23 November 2026, 09:00 China time) and one account per role. */
export async function openReviewDesk(options: {
  database: Database;
  embedder: Embedder;
  environment?: Record<string, string>;
}): Promise<ReviewDesk> {
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  const context = createReviewContext({
    config: loadConfig({ environment: options.environment ?? {} }),
    database: options.database,
    embedder: options.embedder,
    clock,
  });
  const make = (username: string, role: Account['role'], unit: string | null = null) =>
    createAccount(options.database, { username, password: 'correct horse battery', role, unit, displayName: username });
  return {
    context,
    clock,
    accounts: {
      staff: await make('staff-li', 'staff'),
      drafter: await make('drafter-wang', 'drafter'),
      approver: await make('approver-zhao', 'approver'),
      secondApprover: await make('approver-chen', 'approver'),
      otherUnitApprover: await make('approver-sun', 'approver', '市交通运输局'),
    },
  };
}
