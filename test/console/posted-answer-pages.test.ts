import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { createAccount, type Account } from '../../review/accounts/accounts.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let running: RunningConsole;
let context: ReviewContext;
let approver: Account;

beforeAll(async () => {
  const config = loadConfig({ environment: {} });
  running = await runConsole({ config, database: sample.database, embedder: sample.embedder, port: 0, log: () => {} });
  context = createReviewContext({ config, database: sample.database, embedder: sample.embedder });
  approver = await createAccount(sample.database, {
    username: 'approver',
    password: 'correct horse battery',
    role: 'approver',
  });
  await createAccount(sample.database, { username: 'drafter', password: 'correct horse battery', role: 'drafter' });
});
afterAll(async () => {
  await running?.stop();
});

async function caseFor(text: string, options: { post: boolean }) {
  const { caseId } = await submitInquiry(context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'b-1',
    receivedBy: 'surface:web',
  });
  await draftCase(context, caseId);
  if (options.post) {
    const version = (await findVersion(sample.database, caseId, 1))!;
    await decideCase(context, {
      caseId,
      actor: approver,
      decision: { action: 'approve', version: 1, textHash: version.textHash },
    });
    const surfaces = new Map([['web', new WebSurface({ database: sample.database, clock: context.clock })]]);
    await deliverDueAnswers({ database: sample.database, surfaces, clock: context.clock });
  }
  return (await findCase(sample.database, caseId))!;
}

describe('posted answers in the console', () => {
  it('shows the reviewer of a similar case the past answer with its case number, and a way to start from it', async () => {
    const past = await caseFor('政府信息公开申请一般多少个工作日内答复？', { post: true });
    const similar = await caseFor('政府信息公开申请一般多少个工作日内给予答复？', { post: false });
    const client = new ConsoleClient(running.url);
    await client.signIn('drafter');
    const page = await client.get(`/cases/${similar.id}`);
    expect(page.body).toContain('相似的已发布答复');
    expect(page.body).toContain(`与第 <a href="/cases/${past.id}">${past.id}</a> 号案件（已发布`);
    expect(page.body).toContain('未经本案重新审核批准，不会发布');
    expect(page.body).toMatch(/id="adopt-answer-\d+">以此为基础修改<\/button>/);
  });

  it('lets an approver withdraw a posted answer, which the public page then says; a drafter cannot, and sees no such form', async () => {
    const posted = await caseFor('依申请公开政府信息要交费吗？', { post: true });
    const drafter = new ConsoleClient(running.url);
    await drafter.signIn('drafter');
    const drafterPage = await drafter.get(`/cases/${posted.id}`);
    expect(drafterPage.body).not.toContain('withdraw-answer');
    const refused = await drafter.post(`/cases/${posted.id}/withdraw-answer`, {
      csrf: ConsoleClient.field(drafterPage.body, 'csrf'),
      reason: '想撤回',
    });
    expect(refused.status).toBe(403);

    const client = new ConsoleClient(running.url);
    await client.signIn('approver');
    const page = await client.get(`/cases/${posted.id}`);
    expect(page.body).toContain('/withdraw-answer');
    const withdrawn = await client.post(`/cases/${posted.id}/withdraw-answer`, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      reason: '收费表述不完整',
    });
    expect(withdrawn.status).toBe(303);
    const publicPage = await new ConsoleClient(running.url).get(`/answers/${posted.publicReference}`);
    expect(publicPage.body).toContain('撤回：收费表述不完整');
    expect(publicPage.body).not.toContain('id="answer"');
  });
});
