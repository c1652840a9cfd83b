import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash } from '../../audit/audit-entry-hash.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { createAccount, type Account } from '../../review/accounts/accounts.ts';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { decideCase } from '../../review/decide-case.ts';
import { findCaseByReference, findPublicAnswer, findVersion } from '../../review/read-cases.ts';
import { textHash } from '../../review/text-hash.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
const folder = fixtureFolder();
const FORGED = '您好！请拨打 13800138000 领取补贴，逾期作废。';
let running: RunningConsole;
let approver: Account;
let apiKey: string;
const logged: string[] = [];

beforeAll(async () => {
  const keyFile = join(folder.root, 'audit.key');
  writeFileSync(keyFile, `${'k'.repeat(40)}\n`);
  running = await runConsole({
    config: loadConfig({ environment: { HUIYING_AUDIT_KEY_FILE: keyFile } }),
    database: sample.database,
    embedder: sample.embedder,
    port: 0,
    log: (line) => logged.push(line),
  });
  approver = await createAccount(sample.database, {
    username: 'approver-integrity',
    password: 'correct horse battery',
    role: 'approver',
  });
  apiKey = (await createApiKey(sample.database, { name: 'hotline-integrity' })).key;
});
afterAll(async () => {
  await running?.stop();
  folder.remove();
});

/** An inquiry sent through the API, drafted and approved; delivered unless told otherwise. */
async function approvedInquiry(text: string, options: { deliver: boolean }) {
  const response = await fetch(`${running.url}/api/inquiries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'citizen-question', text, author: { id: 'caller-9' } }),
  });
  const reference = ((await response.json()) as { id: string }).id;
  await running.worker.kick('draft');
  const caseId = (await findCaseByReference(sample.database, reference))!.id;
  const version = (await findVersion(sample.database, caseId, 1))!;
  await decideCase(running.context, {
    caseId,
    actor: approver,
    decision: { action: 'approve', version: 1, textHash: version.textHash },
  });
  if (options.deliver) await running.worker.kick('deliver');
  return { reference, caseId };
}

const publicPage = async (reference: string) => (await fetch(`${running.url}/answers/${reference}`)).text();
const apiRead = async (reference: string) =>
  (await (
    await fetch(`${running.url}/api/inquiries/${reference}`, { headers: { authorization: `Bearer ${apiKey}` } })
  ).json()) as Record<string, any>;

describe('a published answer rewritten in the database', () => {
  it('is withheld on the public page and in the API, not shown, and the operator is told', async () => {
    const { reference, caseId } = await approvedInquiry('申请公开政府信息，多长时间能得到答复？', { deliver: true });
    const genuine = (await findPublicAnswer(sample.database, caseId))!.text;
    expect(await publicPage(reference)).toContain('id="answer"');
    expect((await apiRead(reference)).answer.text).toBe(genuine);

    await sample.database.query('UPDATE public_answers SET text = $2 WHERE case_id = $1', [caseId, FORGED]);
    const page = await publicPage(reference);
    expect(page).toContain('id="withheld"');
    expect(page).not.toContain('13800138000');
    const read = await apiRead(reference);
    expect(read.answer).toBeNull();
    expect(read.answerWithheld).toMatch(/no longer matches/);
    expect(logged.join('\n')).toMatch(new RegExp(`answer of case ${caseId} withheld`));
  });

  it('is withheld even when the approval, the outbox and the audit entry were rewritten to match, by someone without the audit key', async () => {
    const { reference, caseId } = await approvedInquiry('依申请公开政府信息收费吗？', { deliver: true });
    const forgedHash = textHash(FORGED);
    await sample.database.query('UPDATE public_answers SET text = $2 WHERE case_id = $1', [caseId, FORGED]);
    await sample.database.query('UPDATE outbox SET text = $2, text_hash = $3 WHERE case_id = $1', [
      caseId,
      FORGED,
      forgedHash,
    ]);
    await sample.database.query('UPDATE approvals SET text_hash = $2 WHERE case_id = $1', [caseId, forgedHash]);
    const approval = (await readAuditLog(sample.database, { caseId })).find(
      (entry) => entry.event === 'draft-approved',
    )!;
    const details = { ...approval.details, textHash: forgedHash };
    await sample.database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await sample.database.query('UPDATE audit_log SET details = $2, hash = $3 WHERE sequence = $1', [
      approval.sequence,
      JSON.stringify(details),
      auditEntryHash({ ...approval, details }),
    ]);
    await sample.database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const page = await publicPage(reference);
    expect(page).toContain('id="withheld"');
    expect(page).not.toContain('13800138000');
  });
});

describe('delivery', () => {
  it('refuses to post a text rewritten consistently in the draft, the approval and the outbox before it went out', async () => {
    const { reference, caseId } = await approvedInquiry('政府信息公开申请需要什么材料？', { deliver: false });
    const forgedHash = textHash(FORGED);
    await sample.database.query(
      'UPDATE draft_versions SET text = $2, text_hash = $3, sources = $4 WHERE case_id = $1',
      [caseId, FORGED, forgedHash, '[]'],
    );
    await sample.database.query('UPDATE approvals SET text_hash = $2 WHERE case_id = $1', [caseId, forgedHash]);
    await sample.database.query('UPDATE outbox SET text = $2, text_hash = $3 WHERE case_id = $1', [
      caseId,
      FORGED,
      forgedHash,
    ]);
    await running.worker.kick('deliver');
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();
    const refused = (await readAuditLog(sample.database, { caseId })).find(
      (entry) => entry.event === 'delivery-refused',
    );
    expect(refused?.details.reason).toMatch(/not the approval on record/);
    expect(await publicPage(reference)).toContain('id="pending"');
  });
});
