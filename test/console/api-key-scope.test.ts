import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { findCaseByReference } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let running: RunningConsole;

beforeAll(async () => {
  running = await runConsole({
    config: loadConfig({ environment: {} }),
    database: sample.database,
    embedder: sample.embedder,
    port: 0,
    log: () => {},
  });
});
afterAll(async () => {
  await running?.stop();
});

async function api(path: string, init: { key: string; body?: unknown; idempotencyKey?: string }) {
  const response = await fetch(`${running.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${init.key}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...(init.idempotencyKey !== undefined && { 'idempotency-key': init.idempotencyKey }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const countCases = async () =>
  (await sample.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;

describe('API key scope', () => {
  it("shows a key only the inquiries it sent: another key's, a web citizen's and a staff question are 404 like an unknown id", async () => {
    const hotline = (await createApiKey(sample.database, { name: 'hotline-scope' })).key;
    const monitor = (await createApiKey(sample.database, { name: 'monitor-scope' })).key;
    const sent = await api('/api/inquiries', {
      key: hotline,
      body: {
        kind: 'citizen-question',
        text: '申请公开政府信息，多长时间能得到答复？',
        author: { id: 'caller-1' },
        replyTo: { phone: '0571-1234' },
      },
    });
    expect(sent.status).toBe(202);
    // The id is the unguessable reference, not a sequence number one could count up.
    expect(sent.json.id).toMatch(/^HY(-[0-9A-Z]{4}){3}$/);
    expect((await api(`/api/inquiries/${sent.json.id}`, { key: hotline })).json).toMatchObject({
      id: sent.json.id,
      replyTo: { phone: '0571-1234' },
    });

    const web = await submitInquiry(running.context, {
      kind: 'citizen-question',
      text: '我想查询我的申请进度',
      surface: 'web',
      authorId: 'browser-7',
      receivedBy: 'surface:web',
    });
    const asker = await createAccount(sample.database, {
      username: 'staff-scope',
      password: 'correct horse battery',
      role: 'staff',
    });
    const staff = await answerStaffQuestion(running.context, {
      question: '内部：政府信息公开的答复期限？',
      asker,
      surface: 'web',
    });
    const staffReference = (
      await sample.database.query<{ public_reference: string }>('SELECT public_reference FROM cases WHERE id = $1', [
        staff.caseId,
      ])
    )[0]!.public_reference;

    const unknown = await api('/api/inquiries/HY-2222-3333-4444', { key: monitor });
    expect(unknown.status).toBe(404);
    for (const reference of [sent.json.id, web.publicReference, staffReference]) {
      const read = await api(`/api/inquiries/${reference}`, { key: monitor });
      expect(read.status).toBe(404);
      expect(read.json.error.code).toBe(unknown.json.error.code);
      expect(JSON.stringify(read.json)).not.toMatch(/replyTo|0571|查询|内部/);
    }
    // Case numbers are no way in: they are not ids.
    const caseId = (await findCaseByReference(sample.database, sent.json.id))!.id;
    expect((await api(`/api/inquiries/${caseId}`, { key: monitor })).status).toBe(400);
    expect((await api(`/api/inquiries/${caseId}`, { key: hotline })).status).toBe(400);
  });

  it("gives a staff member's internal question no public answer page, while a citizen's reference still has one", async () => {
    const asker = await createAccount(sample.database, {
      username: 'staff-public-page',
      password: 'correct horse battery',
      role: 'staff',
    });
    const staff = await answerStaffQuestion(running.context, {
      question: '内部：依申请公开收费标准是什么？',
      asker,
      surface: 'web',
    });
    const [row] = await sample.database.query<{ public_reference: string }>(
      'SELECT public_reference FROM cases WHERE id = $1',
      [staff.caseId],
    );
    const page = await fetch(`${running.url}/answers/${row!.public_reference}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('依申请公开收费标准');

    const citizen = await submitInquiry(running.context, {
      kind: 'citizen-question',
      text: '依申请公开收费吗？',
      surface: 'web',
      authorId: 'browser-8',
      receivedBy: 'surface:web',
    });
    expect((await fetch(`${running.url}/answers/${citizen.publicReference}`)).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('refuses the same key with a different body (422 idempotency-key-reused) instead of answering with the first case', async () => {
    const key = (await createApiKey(sample.database, { name: 'monitor-reuse' })).key;
    const fire = { kind: 'opinion-item', text: '网传临江区一小区发生火灾', author: { id: 'post-1' } };
    const explosion = {
      kind: 'opinion-item',
      text: '网传临江区一化工厂发生爆炸，已致3人死亡',
      author: { id: 'post-2' },
    };
    const first = await api('/api/inquiries', { key, body: fire, idempotencyKey: 'weibo-5001' });
    expect(first.status).toBe(202);
    const before = await countCases();

    const reused = await api('/api/inquiries', { key, body: explosion, idempotencyKey: 'weibo-5001' });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('idempotency-key-reused');
    expect(reused.json.error.message).toMatch(/new key/);
    expect(JSON.stringify(reused.json)).not.toContain(first.json.id);
    expect(await countCases()).toBe(before);

    // A true retry still gets the first case; the explosion sent under a new key becomes a case of its own.
    const retried = await api('/api/inquiries', { key, body: fire, idempotencyKey: 'weibo-5001' });
    expect([retried.status, retried.json.id]).toEqual([200, first.json.id]);
    const resent = await api('/api/inquiries', { key, body: explosion, idempotencyKey: 'weibo-5002' });
    expect(resent.status).toBe(202);
    expect((await findCaseByReference(sample.database, resent.json.id))!.severity).not.toBe('一般');
    // The same key string from another system is another key.
    const other = (await createApiKey(sample.database, { name: 'other-monitor' })).key;
    expect((await api('/api/inquiries', { key: other, body: explosion, idempotencyKey: 'weibo-5001' })).status).toBe(
      202,
    );
  });

  it("leaves chat surfaces' source keys as they were: a redelivered event returns the first case", async () => {
    const submit = (text: string) =>
      submitInquiry(running.context, {
        kind: 'citizen-question',
        text,
        surface: 'slack',
        authorId: 'U0001',
        receivedBy: 'surface:slack',
        sourceKey: 'slack:C0001:1733000000.000100',
      });
    const first = await submit('<@U0BOT> 申请公开政府信息多久答复？');
    const again = await submit('申请公开政府信息多久答复？');
    expect(again).toMatchObject({ caseId: first.caseId, duplicate: true });
  });
});
