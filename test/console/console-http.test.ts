import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { findCaseByReference } from '../../review/read-cases.ts';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';
import { waitUntil } from '../support/wait-until.ts';

const sample = useSampleOfficeDatabase();
let running: RunningConsole;

beforeAll(async () => {
  running = await runConsole({
    config: loadConfig({ environment: { HUIYING_API_REQUESTS_PER_MINUTE: '20' } }),
    database: sample.database,
    embedder: sample.embedder,
    port: 0,
    log: () => {},
  });
  await createAccount(sample.database, { username: 'staff', password: 'correct horse battery', role: 'staff' });
  await createAccount(sample.database, { username: 'approver', password: 'correct horse battery', role: 'approver' });
  await createAccount(sample.database, { username: 'admin', password: 'correct horse battery', role: 'admin' });
});
afterAll(async () => {
  await running?.stop();
});

async function api(
  path: string,
  init: { method?: string; key?: string; body?: string; type?: string; idempotencyKey?: string } = {},
  baseUrl = running.url,
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.key && { authorization: `Bearer ${init.key}` }),
      ...(init.body !== undefined && { 'content-type': init.type ?? 'application/json' }),
      ...(init.idempotencyKey !== undefined && { 'idempotency-key': init.idempotencyKey }),
    },
    body: init.body,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
}

describe('HTTP API', () => {
  it('accepts a valid inquiry with 202, drafts it in the background and reports its state', async () => {
    const { key } = await createApiKey(sample.database, { name: 'hotline' });
    const created = await api('/api/inquiries', {
      method: 'POST',
      key,
      body: JSON.stringify({
        kind: 'citizen-question',
        text: '申请公开政府信息，多长时间能得到答复？',
        author: { id: 'caller-88' },
        replyTo: { ticket: 'T-1' },
      }),
    });
    expect(created.status).toBe(202);
    expect(created.json).toMatchObject({
      status: 'received',
      reference: expect.stringMatching(/^HY-/),
      links: { self: `/api/inquiries/${created.json.id}` },
    });
    await running.worker.kick('draft');
    const read = await api(`/api/inquiries/${created.json.id}`, { key });
    expect(read.json).toMatchObject({
      status: 'awaiting-review',
      kind: 'citizen-question',
      replyTo: { ticket: 'T-1' },
      answer: null,
    });
    expect((await findCaseByReference(sample.database, created.json.id))!.authorPseudonym).toMatch(/^公众-/);
  });

  it('returns the first case when a sender retries with the same Idempotency-Key', async () => {
    const { key } = await createApiKey(sample.database, { name: 'monitor-retry' });
    const body = JSON.stringify({ kind: 'opinion-item', text: '网传临江区一小区发生火灾', author: { id: 'post-1' } });
    const first = await api('/api/inquiries', { method: 'POST', key, body, idempotencyKey: 'weibo-4921' });
    const again = await api('/api/inquiries', { method: 'POST', key, body, idempotencyKey: 'weibo-4921' });
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(again.json.id).toBe(first.json.id);
    expect((await api('/api/inquiries', { method: 'POST', key, body, idempotencyKey: 'weibo-4922' })).json.id).not.toBe(
      first.json.id,
    );
    expect(
      (await api('/api/inquiries', { method: 'POST', key, body, idempotencyKey: 'k'.repeat(201) })).json.error.code,
    ).toBe('idempotency-key-invalid');
  });

  it('answers bad requests with a clear 4xx and a code, and stores nothing', async () => {
    const { key } = await createApiKey(sample.database, { name: 'monitor' });
    const before = (await sample.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;
    expect((await api('/api/inquiries', { method: 'POST', body: '{}' })).json.error.code).toBe('api-key-missing');
    expect((await api('/api/inquiries', { method: 'POST', key: 'hy_wrong', body: '{}' })).status).toBe(401);
    expect((await api('/api/inquiries', { method: 'POST', key, body: 'kind=x', type: 'text/plain' })).status).toBe(415);
    expect((await api('/api/inquiries', { method: 'POST', key, body: '{"kind": ' })).json.error.code).toBe(
      'json-invalid',
    );
    const invalid = await api('/api/inquiries', {
      method: 'POST',
      key,
      body: JSON.stringify({ kind: 'rumour', text: '好', author: { id: 'x' }, extra: true }),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      '(body)',
      'kind',
      'text',
    ]);
    const huge = await api('/api/inquiries', {
      method: 'POST',
      key,
      body: JSON.stringify({ kind: 'opinion-item', text: '长'.repeat(40_000), author: { id: 'x' } }),
    });
    expect(huge.status).toBe(413);
    expect((await api('/api/inquiries/HY-2222-2222-2222', { key })).status).toBe(404);
    expect((await api('/api/inquiries/abc', { key })).json.error.code).toBe('id-invalid');
    expect((await api('/api/inquiries/1', { method: 'DELETE', key })).status).toBe(405);
    expect((await sample.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n).toBe(before);
  });

  it('rate-limits each key and says when to retry', async () => {
    const { key } = await createApiKey(sample.database, { name: 'noisy' });
    const statuses: number[] = [];
    for (let index = 0; index < 21; index += 1)
      statuses.push((await api('/api/inquiries/HY-2222-2222-2222', { key })).status);
    expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
    const limited = await api('/api/inquiries/HY-2222-2222-2222', { key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('console access', () => {
  it('sends visitors who are not signed in to the login page, and refuses a wrong password', async () => {
    const visitor = new ConsoleClient(running.url);
    expect(await visitor.get('/queue')).toMatchObject({ status: 303, location: '/login?next=%2Fqueue' });
    expect((await visitor.postLogin({ username: 'approver', password: 'wrong password' })).status).toBe(401);
    // After signing in, only a path on this site is followed.
    for (const next of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
      expect(
        (
          await new ConsoleClient(running.url).postLogin({
            username: 'approver',
            password: 'correct horse battery',
            next,
          })
        ).location,
      ).toBe('/queue');
    }
    expect(
      (
        await new ConsoleClient(running.url).postLogin({
          username: 'approver',
          password: 'correct horse battery',
          next: '/cases/1',
        })
      ).location,
    ).toBe('/cases/1');
  });

  it('keeps staff out of the review queue but lets them ask, marking the answer internal', async () => {
    const staff = new ConsoleClient(running.url);
    await staff.signIn('staff');
    expect((await staff.get('/queue')).status).toBe(403);
    const page = await staff.get('/staff');
    const answer = await staff.submit('/staff', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      question: '公共停车场收费标准由谁制定？',
    });
    expect(answer.status).toBe(303);
    expect(answer.body).toContain('内部参考答复');
    expect(answer.body).toMatch(/已记录为内部咨询 #\d+/);
    const source = /href="(\/sources\/\d+)#passage"/.exec(answer.body)![1]!;
    expect((await staff.get(source)).body).toMatch(/<mark id="passage">[^<]+<\/mark>/);
  });

  it('shows staff the knowledge base: current documents with 文号 and 有效性, older versions on request, each text whole', async () => {
    expect((await new ConsoleClient(running.url).get('/documents')).location).toMatch(/^\/login/);
    const staff = new ConsoleClient(running.url);
    await staff.signIn('staff');
    const list = await staff.get('/documents');
    expect(list.status).toBe(200);
    expect(list.body).toContain('青禾市政府信息公开实施办法');
    expect(list.body).toContain('青政发〔2024〕3号');
    // The 2019 parking rules were replaced by the 2023 edition: listed only with ?all=1, marked as replaced.
    expect(list.body.match(/青禾市公共停车场管理办法/g)).toHaveLength(1);
    const all = await staff.get('/documents?all=1');
    expect(all.body.match(/青禾市公共停车场管理办法/g)).toHaveLength(2);
    expect(all.body).toContain('已被新版本取代');
    const id = /href="\/documents\/(\d+)">青禾市政府信息公开实施办法</.exec(list.body)![1]!;
    const page = await staff.get(`/documents/${id}`);
    expect(page.body).toContain('第十条 行政机关依申请提供政府信息，不收取费用。');
    expect(page.body).toMatch(/<th>有效性<\/th><td>有效<\/td>/);
    const replaced =
      /href="\/documents\/(\d+)">青禾市公共停车场管理办法<\/a> <span class="muted">（已被新版本取代）/.exec(
        all.body,
      )![1]!;
    const current = /href="\/documents\/(\d+)">青禾市公共停车场管理办法<\/a><\/td>/.exec(list.body)![1]!;
    expect((await staff.get(`/documents/${replaced}`)).body).toContain(
      `<a href="/documents/${current}">查看现行版本</a>`,
    );
    expect((await staff.get('/documents/999999')).status).toBe(404);
  });

  it("takes a talking point from a drafter's proposal to an approver's publication, and answers with it", async () => {
    await createAccount(sample.database, { username: 'drafter', password: 'correct horse battery', role: 'drafter' });
    const drafter = new ConsoleClient(running.url);
    await drafter.signIn('drafter');
    const page = await drafter.get('/talking-points');
    expect(page.body).toContain('拟写口径');
    expect(page.body).not.toContain('批准发布');
    const proposed = await drafter.submit('/talking-points', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      title: '关于青禾大桥封闭检测的回应口径',
      text: '青禾大桥自11月23日起封闭检测，预计12月15日恢复通行。封闭期间请绕行青禾二桥。',
      expires_on: '2099-12-31',
    });
    // More than a year ahead: refused on the page with the reason, nothing stored.
    expect(proposed.location).toBe('/talking-points');
    expect(proposed.body).toContain('口径最长使用一年');
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const accepted = await drafter.post('/talking-points', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      title: '关于青禾大桥封闭检测的回应口径',
      text: '青禾大桥自11月23日起封闭检测，预计12月15日恢复通行。封闭期间请绕行青禾二桥。',
      expires_on: nextMonth,
    });
    expect(accepted.status).toBe(303);
    const id = /id="talking-point-(\d+)"/.exec((await drafter.get('/talking-points')).body)![1]!;
    // The drafter may not publish: refused with the reason.
    const byDrafter = await drafter.submit(`/talking-points/${id}/decisions`, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      action: 'publish',
    });
    expect(byDrafter.body).toMatch(/<p class="error" role="alert">操作未执行/);

    const approver = new ConsoleClient(running.url);
    await approver.signIn('approver');
    const review = await approver.get('/talking-points');
    expect(review.body).toContain('批准发布');
    const published = await approver.submit(`/talking-points/${id}/decisions`, {
      csrf: ConsoleClient.field(review.body, 'csrf'),
      action: 'publish',
    });
    expect(published.status).toBe(303);
    expect(published.body).toContain('已发布，即日起用于答复');
    // In force: the one just published (withdrawn here) and the sample office's flood statement (from a file).
    expect(published.body).toMatch(/在用口径（2）/);
    expect(published.body).toMatch(
      /关于青禾大桥封闭检测的回应口径<\/a><\/h3>\s*<p class="muted">审核 approver · 有效期至 \d{4}-\d{2}-\d{2} · 口径库第 \d+ 号/,
    );
    expect(published.body).toMatch(/关于汛期城区内涝应对工作的回应口径<\/a><\/h3>\s*<p class="muted">[^<]*来自文件/);

    const staff = new ConsoleClient(running.url);
    await staff.signIn('staff');
    // Staff see what is in force, not proposals.
    const pendingOther = await drafter.post('/talking-points', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      title: '尚未审核的口径',
      text: '内容待核实。',
      expires_on: nextMonth,
    });
    expect(pendingOther.status).toBe(303);
    const staffView = await staff.get('/talking-points');
    expect(staffView.body).toContain('关于青禾大桥封闭检测的回应口径');
    expect(staffView.body).not.toContain('尚未审核的口径');
    expect(staffView.body).not.toContain('拟写口径');
    const ask = await staff.get('/staff');
    const answer = await staff.submit('/staff', {
      csrf: ConsoleClient.field(ask.body, 'csrf'),
      question: '青禾大桥为什么封闭了？什么时候恢复通行？',
    });
    expect(answer.body).toContain('预计12月15日恢复通行');
    expect(answer.body).toContain('经审核的口径');

    expect(
      (
        await approver.post(`/talking-points/${id}/decisions`, {
          csrf: ConsoleClient.field(review.body, 'csrf'),
          action: 'withdraw',
          reason: '已恢复通行',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await staff.submit('/staff', {
          csrf: ConsoleClient.field(ask.body, 'csrf'),
          question: '青禾大桥为什么封闭了？什么时候恢复通行？',
        })
      ).body,
    ).not.toContain('预计12月15日恢复通行');
  });

  it('lets an admin add accounts in the console, with clear errors, and no one else', async () => {
    const admin = new ConsoleClient(running.url);
    await admin.signIn('admin');
    const page = await admin.get('/accounts');
    const csrf = ConsoleClient.field(page.body, 'csrf');
    const weak = await admin.submit('/accounts', {
      csrf,
      username: 'wang',
      password: 'short',
      role: 'approver',
      unit: '',
    });
    expect(weak.location).toBe('/accounts');
    expect(weak.body).toContain('密码至少需要 8 个字符');
    expect(
      await admin.post('/accounts', {
        csrf,
        username: 'wang',
        display_name: '王审核',
        password: 'correct horse battery',
        role: 'approver',
        unit: '市交通运输局',
      }),
    ).toMatchObject({ status: 303, location: '/accounts' });
    expect((await admin.get('/accounts')).body).toMatch(
      /<td>wang<\/td><td>王审核<\/td><td>审核人<\/td><td>市交通运输局<\/td>/,
    );
    const wang = new ConsoleClient(running.url);
    await wang.signIn('wang');
    expect((await wang.get('/accounts')).status).toBe(403);
  });

  it("refuses forms without the session's CSRF token, and the public form without its token", async () => {
    const approver = new ConsoleClient(running.url);
    await approver.signIn('approver');
    expect((await approver.post('/cases/1/decisions', { action: 'reject', reason: 'x', csrf: 'forged' })).status).toBe(
      403,
    );
    const citizen = new ConsoleClient(running.url);
    expect((await citizen.post('/inquiries', { text: '停车场收费标准？', form_token: 'forged' })).status).toBe(403);
  });

  it('lets a citizen submit on the public page and look the case up by its reference', async () => {
    const citizen = new ConsoleClient(running.url);
    const page = await citizen.get('/');
    const submitted = await citizen.post('/inquiries', {
      kind: 'information-request',
      text: '请公开本市2025年公共停车场收费标准文件。我的身份证号是110105199001011232。',
      form_token: ConsoleClient.field(page.body, 'form_token'),
    });
    expect(submitted.status).toBe(303);
    const lookup = await citizen.get(submitted.location!);
    expect(lookup.body).toContain('正在审核中');
    expect(lookup.body).not.toContain('110105199001011232');

    // An approver may read the text as received, giving a reason that goes on the record.
    const caseId = Number(
      (
        await sample.database.query<{ id: string }>('SELECT id FROM cases WHERE public_reference = $1', [
          submitted.location!.split('/').pop(),
        ])
      )[0]!.id,
    );
    const approver = new ConsoleClient(running.url);
    await approver.signIn('approver');
    const casePage = await approver.get(`/cases/${caseId}`);
    expect(casePage.body).not.toContain('110105199001011232');
    const revealed = await approver.submit(`/cases/${caseId}/original`, {
      csrf: ConsoleClient.field(casePage.body, 'csrf'),
      reason: '需电话联系申请人核实',
    });
    expect(revealed.body).toContain('110105199001011232');
    const reads = await sample.database.query<{ actor: string; details: { reason: string } }>(
      `SELECT actor, details FROM audit_log WHERE case_id = $1 AND event = 'original-text-read'`,
      [caseId],
    );
    expect(reads).toEqual([
      { actor: expect.stringMatching(/:approver$/), details: { reason: '需电话联系申请人核实' } },
    ]);
  });
});

describe('console logs', () => {
  it('redact personal data from what they write', async () => {
    const lines: string[] = [];
    // The drafter only ever sees redacted text, so the personal data here comes from the failure itself.
    const failing = new ScriptedChatModel(() => {
      throw new Error('upstream rejected the question; caller 13912345678, ID 110105199001011232');
    });
    const quiet = await runConsole({
      config: loadConfig({ environment: {} }),
      database: sample.database,
      embedder: sample.embedder,
      model: failing,
      port: 0,
      log: (line) => lines.push(line),
    });
    try {
      const { key } = await createApiKey(sample.database, { name: 'log-test' });
      await api(
        '/api/inquiries',
        {
          method: 'POST',
          key,
          body: JSON.stringify({
            kind: 'citizen-question',
            text: '申请公开政府信息，多长时间能得到答复？我的手机13912345678',
            author: { id: 'x' },
          }),
        },
        quiet.url,
      );
      await quiet.worker.kick('draft');
      expect(lines.join('\n')).toContain('upstream rejected the question');
      expect(lines.join('\n')).not.toMatch(/13912345678|110105199001011232/);
    } finally {
      await quiet.stop();
    }
  });
});

describe('sign-in limits', () => {
  it('counts failed attempts per username across two consoles on one database: many sign-ins, guessing is stopped', async () => {
    // Two consoles on one database, as two processes behind one proxy: they share the limit. Their clock stands
    // still, so no token comes back while the test runs, however slowly; earlier tests' failures are forgotten.
    await sample.database.query(`DELETE FROM rate_limit_buckets WHERE limiter LIKE 'sign-in-%'`);
    const clock = new ManualClock('2026-11-23T09:00:00+08:00');
    const own = await runConsole({
      config: loadConfig({ environment: {} }),
      database: sample.database,
      embedder: sample.embedder,
      clock,
      port: 0,
      log: () => {},
    });
    const other = await runConsole({
      config: loadConfig({ environment: {} }),
      database: sample.database,
      embedder: sample.embedder,
      clock,
      port: 0,
      warmUpSearches: 0,
      log: () => {},
    });
    try {
      for (let attempt = 0; attempt < 12; attempt += 1) await new ConsoleClient(own.url).signIn('approver');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt += 1)
        statuses.push(
          (await new ConsoleClient(own.url).postLogin({ username: 'approver', password: `guess ${attempt}` })).status,
        );
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
      expect(
        (await new ConsoleClient(own.url).postLogin({ username: 'approver', password: 'correct horse battery' }))
          .status,
      ).toBe(429);
      expect(
        (await new ConsoleClient(other.url).postLogin({ username: 'approver', password: 'correct horse battery' }))
          .status,
      ).toBe(429);
    } finally {
      await own.stop();
      await other.stop();
      // The tests after this one sign in from the same address.
      await sample.database.query(`DELETE FROM rate_limit_buckets WHERE limiter LIKE 'sign-in-%'`);
    }
  });
});

describe('console start-up', () => {
  it('says which port is taken and how to choose another', async () => {
    const port = Number(new URL(running.url).port);
    await expect(
      runConsole({
        config: loadConfig({ environment: {} }),
        database: sample.database,
        embedder: sample.embedder,
        port,
        log: () => {},
      }),
    ).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${port} \\(another program uses that port\\).*--port or HUIYING_PORT`),
    );
  });

  it('warms the search index in the background and says so', async () => {
    const lines: string[] = [];
    const warming = await runConsole({
      config: loadConfig({ environment: {} }),
      database: sample.database,
      embedder: sample.embedder,
      port: 0,
      warmUpSearches: 5,
      log: (line) => lines.push(line),
    });
    await waitUntil(() => lines.find((line) => line.startsWith('[search] index warmed with 5 searches')), {
      what: 'the warm-up line',
    });
    await warming.stop();
  });

  it('marks its cookies Secure when HUIYING_PUBLIC_URL is https, and not on plain http', async () => {
    const behindTls = await runConsole({
      config: loadConfig({ environment: { HUIYING_PUBLIC_URL: 'https://huiying.example.gov.cn' } }),
      database: sample.database,
      embedder: sample.embedder,
      port: 0,
      warmUpSearches: 0,
      log: () => {},
    });
    try {
      expect((await fetch(`${behindTls.url}/`)).headers.get('set-cookie')).toMatch(
        /; HttpOnly; SameSite=Strict; Secure/,
      );
      const form = await fetch(`${behindTls.url}/login`);
      const loginCookie = form.headers.get('set-cookie')!.split(';')[0]!;
      const loginToken = ConsoleClient.field(await form.text(), 'login_token');
      const signIn = await fetch(`${behindTls.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
        body: `username=approver&password=correct+horse+battery&login_token=${loginToken}`,
      });
      expect(signIn.headers.get('set-cookie')).toMatch(/^hy_session=.+; Secure/);
    } finally {
      await behindTls.stop();
    }
    expect((await fetch(`${running.url}/`)).headers.get('set-cookie')).not.toContain('Secure');
  });
});
