import { describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.ts';
import { TEST_PASSWORD, useRunningConsole } from '../support/running-console.ts';

// Reached through a reverse proxy at this address (which may rewrite Host); the console itself listens on 127.0.0.1.
const PUBLIC_URL = 'https://huiying.example.gov.cn';
const consoleUnderTest = useRunningConsole({ environment: { HUIYING_PUBLIC_URL: PUBLIC_URL } });

/** The sign-in form's cookie and token, as a visitor's browser holds them after opening /login. */
async function loginForm(): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${consoleUnderTest.url}/login`);
  return {
    cookie: page.headers.get('set-cookie')!.split(';')[0]!,
    token: ConsoleClient.field(await page.text(), 'login_token'),
  };
}

async function postLogin(options: { headers?: Record<string, string>; token?: string; cookie?: string }) {
  const body = new URLSearchParams({
    username: 'approver-zhao',
    password: TEST_PASSWORD,
    ...(options.token !== undefined && { login_token: options.token }),
  });
  const response = await fetch(`${consoleUnderTest.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie !== undefined && { cookie: options.cookie }),
      ...options.headers,
    },
    body: body.toString(),
  });
  return { status: response.status, session: response.headers.getSetCookie().some((c) => c.startsWith('hy_session=')) };
}

describe('signing in from another site (login CSRF)', () => {
  it("refuses a sign-in posted from a foreign page, even with the attacker's own correct password", async () => {
    // The attacker knows a password (their own account) and wants the victim's browser signed in as them.
    expect(await postLogin({ headers: { origin: 'https://evil.example' } })).toEqual({ status: 403, session: false });
    expect(await postLogin({ headers: { origin: 'null' } })).toEqual({ status: 403, session: false });
    expect(await postLogin({ headers: { referer: 'https://evil.example/login-csrf.html' } })).toEqual({
      status: 403,
      session: false,
    });
    // A browser that sends neither header still needs the token the sign-in page gave it.
    expect(await postLogin({})).toEqual({ status: 403, session: false });
    const { token } = await loginForm();
    expect(await postLogin({ token })).toEqual({ status: 403, session: false });
    expect(await postLogin({ token, cookie: 'hy_login=chosen-by-the-attacker' })).toEqual({
      status: 403,
      session: false,
    });
  });

  it("signs in from the console's own page, by this host or by HUIYING_PUBLIC_URL", async () => {
    const own = await loginForm();
    expect(await postLogin({ ...own, headers: { origin: consoleUnderTest.url } })).toEqual({
      status: 303,
      session: true,
    });
    const proxied = await loginForm();
    expect(
      await postLogin({ ...proxied, headers: { origin: PUBLIC_URL, host: 'huiying-backend.internal:3000' } }),
    ).toEqual({ status: 303, session: true });
    const withReferer = await loginForm();
    expect(
      await postLogin({ ...withReferer, headers: { referer: `${consoleUnderTest.url}/login?next=%2Fqueue` } }),
    ).toEqual({ status: 303, session: true });
  });

  it('refuses a sign-out posted from a foreign page: the session stays', async () => {
    const approver = new ConsoleClient(consoleUnderTest.url);
    await approver.signIn('approver-zhao');
    const page = await approver.get('/queue');
    const csrf = ConsoleClient.field(page.body, 'csrf');
    const foreign = await fetch(`${consoleUnderTest.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: `csrf=${csrf}`,
    });
    expect(foreign.status).toBe(403);
    expect((await approver.get('/queue')).status).toBe(200);
    // Without the session's CSRF token, no sign-out either; with it, from the console's page, yes.
    expect((await approver.post('/logout', { csrf: 'guessed' })).status).toBe(403);
    expect((await approver.get('/queue')).status).toBe(200);
    expect((await approver.post('/logout', { csrf })).status).toBe(303);
    expect((await approver.get('/queue')).status).toBe(303);
  });

  it('refuses every other console form posted from a foreign page before it runs', async () => {
    const citizen = new ConsoleClient(consoleUnderTest.url);
    const formToken = ConsoleClient.field((await citizen.get('/')).body, 'form_token');
    const cases = async () =>
      (await consoleUnderTest.sample.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;
    const before = await cases();
    const response = await fetch(`${consoleUnderTest.url}/inquiries`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: `hy_form=${formToken}`,
      },
      body: new URLSearchParams({ form_token: formToken, text: '网传青禾市发生重大事故，是真的吗？' }).toString(),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('请求来自其他网站');
    expect(await cases()).toBe(before);
  });
});
