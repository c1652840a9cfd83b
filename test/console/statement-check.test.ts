import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { findCaseByReference, findVersion } from '../../review/read-cases.ts';
import { ConsoleClient } from '../support/console-client.ts';
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
  for (const [username, role] of [
    ['check-drafter', 'drafter'],
    ['check-staff', 'staff'],
  ] as const)
    await createAccount(sample.database, { username, password: 'correct horse battery', role });
});
afterAll(async () => {
  await running?.stop();
});

async function post(path: string, init: { key?: string; body: string | Blob; type?: string }) {
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: {
      ...(init.key && { authorization: `Bearer ${init.key}` }),
      'content-type': init.type ?? 'application/json',
    },
    body: init.body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const STATEMENT =
  '行政机关不能当场答复的，应当自收到申请之日起二十个工作日内予以答复。行政机关依申请提供政府信息，收取费用。本市将于明年起对所有申请人发放补贴。';

describe('POST /api/check (a website CMS checks a statement before publishing)', () => {
  it('answers each sentence with its status, citation, quote and problems', async () => {
    const key = (await createApiKey(sample.database, { name: 'cms' })).key;
    const checked = await post('/api/check', { key, body: JSON.stringify({ text: STATEMENT }) });
    expect(checked.status).toBe(200);
    expect(checked.json.allSupported).toBe(false);
    expect(checked.json.sentences).toMatchObject([
      {
        text: '行政机关不能当场答复的，应当自收到申请之日起二十个工作日内予以答复。',
        status: 'supported',
        citations: [{ citation: expect.stringContaining('第九条'), quote: expect.stringContaining('20个工作日') }],
        problems: [],
      },
      { status: 'mismatch', problems: [{ kind: 'negation', text: '收取费用', expected: '不收取费用' }] },
      { status: 'unsupported', problems: [{ kind: 'no-source' }] },
    ]);
  });

  it('refuses what is not a statement with a clear 4xx: no key, not JSON, malformed JSON, extra fields, too large, not UTF-8', async () => {
    const key = (await createApiKey(sample.database, { name: 'cms-errors' })).key;
    const body = JSON.stringify({ text: STATEMENT });
    expect((await post('/api/check', { body })).status).toBe(401);
    expect((await post('/api/check', { key: 'hy_not-a-key', body })).status).toBe(401);
    expect(await post('/api/check', { key, body, type: 'text/plain' })).toMatchObject({
      status: 415,
      json: { error: { code: 'unsupported-media-type' } },
    });
    expect(await post('/api/check', { key, body: '{"text": "未闭合' })).toMatchObject({
      status: 400,
      json: { error: { code: 'json-invalid' } },
    });
    for (const malformed of [{}, { text: 42 }, [STATEMENT], { text: STATEMENT, unit: '市交通运输局' }])
      expect(await post('/api/check', { key, body: JSON.stringify(malformed) })).toMatchObject({
        status: 422,
        json: { error: { code: 'statement-invalid', message: expect.stringContaining('"text"') } },
      });
    expect(await post('/api/check', { key, body: JSON.stringify({ text: ' 。' }) })).toMatchObject({
      status: 422,
      json: { error: { code: 'statement-invalid', message: 'text holds no sentence to check.' } },
    });
    expect(await post('/api/check', { key, body: JSON.stringify({ text: '费'.repeat(20_001) }) })).toMatchObject({
      status: 422,
      json: { error: { issues: [{ path: 'text', message: expect.stringContaining('at most 20000') }] } },
    });
    expect(await post('/api/check', { key, body: JSON.stringify({ text: '。'.repeat(40_000) }) })).toMatchObject({
      status: 413,
      json: { error: { code: 'body-too-large', message: 'The body is larger than 96 KB.' } },
    });
    // Bytes that are not UTF-8 are said to be so (they were once reported as too large).
    const notUtf8 = Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(await post('/api/check', { key, body: new Blob([notUtf8]) })).toMatchObject({
      status: 400,
      json: { error: { code: 'encoding-invalid', message: 'The body is not valid UTF-8.' } },
    });
    const get = await fetch(`${running.url}/api/check`, { headers: { authorization: `Bearer ${key}` } });
    expect(get.status).toBe(405);
  });

  it("cannot be used to read a case: another key's inquiry, its draft and its reference never come back", async () => {
    const hotline = (await createApiKey(sample.database, { name: 'hotline-check' })).key;
    const cms = (await createApiKey(sample.database, { name: 'cms-snoop' })).key;
    const inquiry = '申请公开政府信息多久答复？我是张三，住在阳光花园小区5栋2单元501室，电话13912345678。';
    const sent = await post('/api/inquiries', {
      key: hotline,
      body: JSON.stringify({ kind: 'citizen-question', text: inquiry, author: { id: 'caller-9' } }),
    });
    expect(sent.status).toBe(202);
    await running.worker.kick('draft');
    const found = (await findCaseByReference(sample.database, sent.json.id))!;
    const draft = (await findVersion(sample.database, found.id, found.currentVersion))!;
    // The snooper checks the case's own words and its draft: only knowledge-base passages come back.
    const text = `${inquiry}${draft.text.replace(/\[\d+\]/g, '')}`;
    const checked = await post('/api/check', { key: cms, body: JSON.stringify({ text }) });
    expect(checked.status).toBe(200);
    // What comes back beyond the statement's own words is citations: passages of published documents only.
    const returned = JSON.stringify(
      checked.json.sentences.map((sentence: { citations: unknown }) => sentence.citations),
    );
    expect(JSON.stringify(checked.json)).not.toContain(sent.json.id);
    expect(returned).not.toMatch(/张三|阳光花园|13912345678|caller-9/);
    for (const sentence of checked.json.sentences)
      for (const citation of sentence.citations) expect(citation.citation).toMatch(/^《/);
    // Asking by case is no field of this API.
    const byCase = await post('/api/check', {
      key: cms,
      body: JSON.stringify({ text: '答复。', reference: sent.json.id, caseId: found.id }),
    });
    expect(byCase.status).toBe(422);
    expect(JSON.stringify(byCase.json)).not.toContain(draft.text.slice(0, 20));
  });

  it('is rate-limited with the rest of the API, per key', async () => {
    const key = (await createApiKey(sample.database, { name: 'cms-burst' })).key;
    const statuses: number[] = [];
    for (let index = 0; index < 61; index += 1) statuses.push((await post('/api/check', { key, body: '{}' })).status);
    expect(statuses.slice(0, 60).every((status) => status === 422)).toBe(true);
    const limited = await fetch(`${running.url}/api/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: STATEMENT }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the 核稿 page', () => {
  it('shows drafters the statement with each sentence coloured and linked to its source', async () => {
    const drafter = new ConsoleClient(running.url);
    await drafter.signIn('check-drafter');
    const form = await drafter.get('/check');
    expect(form.status).toBe(200);
    const checked = await drafter.post('/check', {
      csrf: ConsoleClient.field(form.body, 'csrf'),
      statement: STATEMENT,
    });
    expect(checked.status).toBe(200);
    expect(checked.body).toContain('共 3 句：1 句有依据，1 句与依据不符，1 句未找到依据。');
    expect(checked.body).toMatch(
      /<a class="check-sentence check-supported" id="sentence-1" href="\/sources\/\d+#passage" title="有依据：《青禾市政府信息公开实施办法》/,
    );
    expect(checked.body).toMatch(
      /class="check-sentence check-mismatch"[^>]*>行政机关依申请提供政府信息，收取费用。<\/a>/,
    );
    expect(checked.body).toContain('与依据意思相反：「收取费用」，依据为「不收取费用」。');
    expect(checked.body).toMatch(
      /<span class="check-sentence check-unsupported"|check-unsupported" id="sentence-3" href/,
    );
  });

  it('is for drafters and approvers: staff are refused, a post without the CSRF token too, an empty one is explained', async () => {
    const staff = new ConsoleClient(running.url);
    await staff.signIn('check-staff');
    expect((await staff.get('/check')).status).toBe(403);
    const drafter = new ConsoleClient(running.url);
    await drafter.signIn('check-drafter');
    expect((await drafter.post('/check', { statement: STATEMENT })).status).toBe(403);
    const form = await drafter.get('/check');
    const empty = await drafter.post('/check', { csrf: ConsoleClient.field(form.body, 'csrf'), statement: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('待核对的文稿为空');
    expect((await new ConsoleClient(running.url).get('/check')).status).toBe(303);
  });
});
