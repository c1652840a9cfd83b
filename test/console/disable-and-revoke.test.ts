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
  (await fetch(`${consoleUnderTest.url}/api/inquiries/999999`, { headers: { authorization: `Bearer ${key}` } })).status;

describe('disabling accounts and revoking keys in the console', () => {
  it("ends a disabled account's open sessions at once, and it cannot sign in again", async () => {
    await createAccount(consoleUnderTest.sample.database, {
      username: 'leaver-qian',
      password: TEST_PASSWORD,
      role: 'approver',
    });
    const leaver = await signedIn('leaver-qian');
    expect((await leaver.get('/queue')).status).toBe(200);
    const admin = await signedIn('admin-he');
    const page = await admin.get('/accounts');
    const disabled = await admin.submit('/accounts/disable', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      username: 'leaver-qian',
    });
    expect(disabled.body).toContain('账号“leaver-qian”已停用');
    expect(disabled.body).toMatch(/id="disabled-accounts">已停用：leaver-qian/);
    // The session the leaver still has open is gone with the next request.
    expect(await leaver.get('/queue')).toMatchObject({ status: 303, location: '/login?next=%2Fqueue' });
    expect(
      (await new ConsoleClient(consoleUnderTest.url).postLogin({ username: 'leaver-qian', password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    expect((await auditEntries('account-disabled')).at(-1)).toEqual({
      actor: `account:${consoleUnderTest.accounts.admin.id}:admin-he`,
      details: { account: expect.stringMatching(/^account:\d+:leaver-qian$/), role: 'approver' },
    });
  });

  it("refuses a revoked key's next request with 401", async () => {
    const { key, id } = await createApiKey(consoleUnderTest.sample.database, { name: 'old-hotline' });
    expect(await apiStatus(key)).toBe(404);
    const admin = await signedIn('admin-he');
    const page = await admin.get('/accounts');
    expect(page.body).toMatch(new RegExp(`<td>${id}</td><td>old-hotline</td>`));
    const revoked = await admin.submit('/api-keys/revoke', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      key: String(id),
    });
    expect(revoked.body).toContain('API 密钥“old-hotline”');
    expect(await apiStatus(key)).toBe(401);
    expect((await auditEntries('api-key-revoked')).at(-1)).toEqual({
      actor: `account:${consoleUnderTest.accounts.admin.id}:admin-he`,
      details: { name: 'old-hotline', id },
    });
  });

  it('lets only admins do it, and keeps the last admin', async () => {
    const approver = await signedIn('approver-zhao');
    const csrf = ConsoleClient.field((await approver.get('/queue')).body, 'csrf');
    expect((await approver.post('/accounts/disable', { csrf, username: 'approver-chen' })).status).toBe(403);
    expect((await approver.post('/api-keys/revoke', { csrf, key: '1' })).status).toBe(403);
    expect((await signedIn('approver-chen')) instanceof ConsoleClient).toBe(true);

    const admin = await signedIn('admin-he');
    const page = await admin.get('/accounts');
    const last = await admin.submit('/accounts/disable', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      username: 'admin-he',
    });
    expect(last.body).toContain('最后一个在用的管理员账号');
    expect((await admin.get('/accounts')).status).toBe(200);
    const unknown = await admin.submit('/api-keys/revoke', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      key: '999999',
    });
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
