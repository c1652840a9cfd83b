import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { useRunningConsole } from '../support/running-console.ts';

const consoleUnderTest = useRunningConsole();

type Reply = { status: number; body: string; type: string };

async function send(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  const response = await fetch(`${consoleUnderTest.url}${path}`, {
    redirect: 'manual',
    ...init,
    body: init.body as BodyInit | undefined,
  });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') ?? '' };
}

const countCases = async () =>
  (await consoleUnderTest.sample.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;

// A client's mistake is answered with a 4xx and a message, never a stack trace, and is not logged as a failure.
function expectClientError(reply: Reply, status: number, message: RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatch(message);
  expect(reply.body).not.toMatch(/\n\s+at |Error:|stack/);
}

function expectNothingLogged(): void {
  expect(consoleUnderTest.log.filter((line) => line.startsWith('[console]'))).toEqual([]);
}

async function formPage(client: ConsoleClient, path: string): Promise<string> {
  return ConsoleClient.field((await client.get(path)).body, 'csrf');
}

describe('malformed cookies', () => {
  it('treats an undecodable session cookie as no session, on every page and the API', async () => {
    const { key } = await createApiKey(consoleUnderTest.sample.database, { name: 'cookie-probe' });
    const cookie = 'hy_session=%E0%A4%A; hy_form=%';
    expect((await send('/', { headers: { cookie } })).status).toBe(200);
    expect((await send('/login', { headers: { cookie } })).status).toBe(200);
    expect((await send('/queue', { headers: { cookie } })).status).toBe(303);
    expect((await send('/api/inquiries/HY-0000-0000-0000', { headers: { cookie, authorization: `Bearer ${key}` } })).status).toBe(
      404,
    );
    expectNothingLogged();
  });
});

describe('NUL and other characters the database cannot store', () => {
  it('refuses a NUL in the public form with a 400 in Chinese, and stores nothing', async () => {
    const citizen = new ConsoleClient(consoleUnderTest.url);
    const formToken = ConsoleClient.field((await citizen.get('/')).body, 'form_token');
    const before = await countCases();
    const reply = await citizen.post('/inquiries', {
      form_token: formToken,
      kind: 'citizen-question',
      text: '申请公开政府信息\u0000多长时间能得到答复？',
    });
    expectClientError({ ...reply, type: '' }, 400, /无效字符/);
    expect(await countCases()).toBe(before);
    expectNothingLogged();
  });

  it('refuses a NUL in a staff question and in a sign-in name', async () => {
    const staff = new ConsoleClient(consoleUnderTest.url);
    await staff.signIn('staff-li');
    const csrf = await formPage(staff, '/staff');
    expectClientError(
      { ...(await staff.post('/staff', { csrf, question: '政府信息\u0000公开' })), type: '' },
      400,
      /无效字符/,
    );
    const login = await new ConsoleClient(consoleUnderTest.url).postLogin({
      username: 'staff-li\u0000',
      password: 'x',
    });
    expect(login.status).toBe(400);
    expectNothingLogged();
  });

  it('refuses a NUL anywhere in an API inquiry with 422 and the field it is in', async () => {
    const { key } = await createApiKey(consoleUnderTest.sample.database, { name: 'nul-probe' });
    const before = await countCases();
    const post = (body: unknown) =>
      send('/api/inquiries', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const inText = await post({ kind: 'opinion-item', text: '网传临江区\u0000发生火灾', author: { id: 'p-1' } });
    expect(inText.status).toBe(422);
    expect(JSON.parse(inText.body).error).toMatchObject({ code: 'inquiry-invalid', issues: [{ path: 'text' }] });
    const inReplyTo = await post({
      kind: 'opinion-item',
      text: '网传临江区发生火灾',
      author: { id: 'p-1' },
      replyTo: { 'ticket\u0000': 'x' },
    });
    expect(inReplyTo.status).toBe(422);
    const lone = await post({ kind: 'opinion-item', text: '网传临江区发生火灾\ud800', author: { id: 'p-1' } });
    expect(lone.status).toBe(422);
    expect(await countCases()).toBe(before);
    expectNothingLogged();
  });
});

describe('bodies that are not what they say', () => {
  it('answers bytes that are not UTF-8 with 400, in a form and in the API', async () => {
    const { key } = await createApiKey(consoleUnderTest.sample.database, { name: 'utf8-probe' });
    const citizen = new ConsoleClient(consoleUnderTest.url);
    const page = await citizen.get('/');
    const formToken = ConsoleClient.field(page.body, 'form_token');
    const badBytes = Buffer.concat([
      Buffer.from(`form_token=${formToken}&kind=citizen-question&text=`),
      Buffer.from([0xe7, 0x94, 0xb3, 0xff, 0xfe, 0xe8, 0xaf, 0xb7]),
    ]);
    const form = await send('/inquiries', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hy_form=${formToken}` },
      body: badBytes,
    });
    expectClientError(form, 400, /UTF-8/);
    const json = await send('/api/inquiries', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: Buffer.concat([
        Buffer.from('{"kind":"opinion-item","text":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
    });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body).error.code).toBe('encoding-invalid');
    expectNothingLogged();
  });

  it('says in Chinese when a form is too large or of the wrong type', async () => {
    const staff = new ConsoleClient(consoleUnderTest.url);
    await staff.signIn('staff-li');
    const csrf = await formPage(staff, '/staff');
    const huge = await staff.post('/staff', { csrf, question: '长'.repeat(200_000) });
    expectClientError({ ...huge, type: '' }, 413, /过大/);
    const multipart = await send('/inquiries', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    });
    expectClientError(multipart, 415, /表单格式/);
    expectNothingLogged();
  });
});

describe('odd paths and fields', () => {
  it('answers bad numbers in paths and forms with 4xx, not 500', async () => {
    const { key } = await createApiKey(consoleUnderTest.sample.database, { name: 'path-probe' });
    const approver = new ConsoleClient(consoleUnderTest.url);
    await approver.signIn('approver-zhao');
    expect((await approver.get('/cases/abc')).status).toBe(404);
    expect((await approver.get('/cases/99999999999999999999')).status).toBe(404);
    expect((await approver.get('/cases/999999999999')).status).toBe(404);
    expect((await approver.get('/documents/0')).status).toBe(404);
    expect((await approver.get('/sources/-1')).status).toBe(404);
    expect((await send('/api/inquiries/1e3', { headers: { authorization: `Bearer ${key}` } })).body).toContain(
      'id-invalid',
    );
    const csrf = await formPage(approver, '/queue');
    for (const version of ['abc', '1e400', '-1', ''])
      expectClientError(
        {
          ...(await approver.post('/cases/1/decisions', { csrf, action: 'approve', version, text_hash: 'x' })),
          type: '',
        },
        400,
        /版本号/,
      );
    expectNothingLogged();
  });

  it('follows no next= that a header cannot carry, and survives a request line it cannot parse', async () => {
    for (const next of ['%2Fcases%2F1%00x', '%2Fcases%2F%E6%B5%8B%E8%AF%95']) {
      const client = new ConsoleClient(consoleUnderTest.url);
      const page = await client.get(`/login?next=${next}`);
      expect(page.status).toBe(200);
      expect(ConsoleClient.field(page.body, 'next')).toBe('/queue');
      const fields = Object.fromEntries(
        [...page.body.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]),
      );
      const signedIn = await client.post('/login', {
        ...fields,
        username: 'staff-li',
        password: 'correct horse battery',
      });
      expect([signedIn.status, signedIn.location]).toEqual([303, '/queue']);
    }
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(consoleUnderTest.url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await send('/')).status).toBe(200);
    expectNothingLogged();
  });
});
