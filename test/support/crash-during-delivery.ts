// Run as a child process by the exactly-once tests: opens the data directory, does the steps up to the crash point,
// says so on stdout and waits to be killed with SIGKILL, so nothing after that point runs, not even a clean close.
import { findAccount } from '../../review/accounts/accounts.ts';
import { loadConfig } from '../../config/load-config.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { systemClock } from '../../config/clock.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { decideCase } from '../../review/decide-case.ts';
import { claimNext } from '../../review/deliver-outbox.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { openTestDatabaseAt } from './test-databases.ts';

// The location is a data directory or, on the test server, a database URL (createTestDatabaseLocation).
const [location, caseIdText, approverIdText, crashPoint] = process.argv.slice(2);
const database = await openTestDatabaseAt(location!);
const context = createReviewContext({
  config: loadConfig({ environment: {} }),
  database,
  embedder: new HashingEmbedder({ dimensions: 64 }),
});
const caseId = Number(caseIdText);
const found = (await findCase(database, caseId))!;
const version = (await findVersion(database, caseId, found.currentVersion))!;
await decideCase(context, {
  caseId,
  actor: (await findAccount(database, Number(approverIdText)))!,
  decision: { action: 'approve', version: version.version, textHash: version.textHash },
});
if (crashPoint === 'after-delivery') {
  const item = (await claimNext({ database, clock: systemClock }))!;
  await new WebSurface({ database, clock: systemClock }).deliver({
    caseId: item.caseId,
    target: item.target,
    text: item.text,
    idempotencyKey: item.idempotencyKey,
  });
}
console.log('ready-to-crash');
setInterval(() => {}, 60_000);
