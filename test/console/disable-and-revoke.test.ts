import { describe, expect, it } from 'vitest';
import { createAccount } from '../../review/accounts/accounts.ts';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { TEST_PASSWORD, useRunningConsole } from '../support/running-console.ts';

const consoleUnderTest = useRunningConsole();

const auditEntries = (event: string) =>
  consoleUnderTest.sample.database.query<{ actor: string; details: Record<string, unknown> }>(
    'SELECT actor, details FROM audit_log WHERE event = $1 ORDER BY sequence',
    [event],
  );

async function signedIn(username: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(consoleUnderTest.url);
  await client.signIn(username);
  return client;
}

const apiStatus = async (key: string) =>
  (
    await fetch(`${consoleUnderTest.url}/api/inquiries/HY-0000-0000-0000`, {
      headers: { authorization: `Bearer ${key}` },
    })
  ).status;

describe('disabling accounts and revoking keys in the console', () => {
  it("ends a disabled account's open sessions at once, and it cannot sign in again", async () => {
    const leaver = await createAccount(consoleUnderTest.sample.database, {
      username: 'leaver-qian',
      password: TEST_PASSWORD,
      role: 'approver',
    });
    const leaverClient = await signedIn('leaver-qian');
    expect((await leaverClient.get('/queue')).status).toBe(200);
    const admin = await signedIn('admin-he');
    const page = await admin.get('/accounts');
    const disabled = await admin.submit(`/accounts/${leaver.id}/disable`, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
    });
    expect(disabled.body).toContain('账号已停用，其登录会话已结束');
    expect(disabled.body).toMatch(/id="disabled-accounts">已停用：leaver-qian/);
    // The session the leaver still has open is gone with the next request.
    expect(await leaverClient.get('/queue')).toMatchObject({ status: 303, location: '/login?next=%2Fqueue' });
    expect(
      (await new ConsoleClient(consoleUnderTest.url).postLogin({ username: 'leaver-qian', password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    expect((await auditEntries('account-disabled')).at(-1)).toEqual({
      actor: `account:${consoleUnderTest.accounts.admin.id}:admin-he`,
      details: { account: `account:${leaver.id}:leaver-qian`, role: 'approver', unit: null },
    });
  });

  it("refuses a revoked key's next request with 401", async () => {
    const { key, id } = await createApiKey(consoleUnderTest.sample.database, { name: 'old-hotline' });
    expect(await apiStatus(key)).toBe(404);
    const admin = await signedIn('admin-he');
    const page = await admin.get('/accounts');
    expect(page.body).toMatch(new RegExp(`<td>${id}</td><td>old-hotline</td>`));
    const revoked = await admin.submit(`/api-keys/${id}/revoke`, { csrf: ConsoleClient.field(page.body, 'csrf') });
    expect(revoked.body).toContain('API 密钥“old-hotline”');
    expect(await apiStatus(key)).toBe(401);
    expect((await auditEntries('api-key-revoked')).at(-1)).toEqual({
      actor: `account:${consoleUnderTest.accounts.admin.id}:admin-he`,
      details: { name: 'old-hotline', id },
    });
  });

  it('lets only admins revoke, and says when there is no such key', async () => {
    const { id } = await createApiKey(consoleUnderTest.sample.database, { name: 'kept-hotline' });
    const approver = await signedIn('approver-zhao');
    const csrf = ConsoleClient.field((await approver.get('/queue')).body, 'csrf');
    expect((await approver.post(`/api-keys/${id}/revoke`, { csrf })).status).toBe(403);
    const admin = await signedIn('admin-he');
    const page = await admin.get('/accounts');
    expect(page.body).toMatch(
      new RegExp(`<td>${id}</td><td>kept-hotline</td><td class="nowrap">[^<]+</td><td>有效</td>`),
    );
    const unknown = await admin.submit('/api-keys/999999/revoke', { csrf: ConsoleClient.field(page.body, 'csrf') });
    expect(unknown.body).toContain('没有名为“999999”的有效 API 密钥');
  });

  it('offers no control API without a control token', async () => {
    const { key } = await createApiKey(consoleUnderTest.sample.database, { name: 'curious' });
    const response = await fetch(`${consoleUnderTest.url}/api/control/accounts`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(404);
  });
});
