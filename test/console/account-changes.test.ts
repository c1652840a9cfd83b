import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { actorName, createAccount, findAccountByIdentity, type Account } from '../../review/accounts/accounts.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let running: RunningConsole;
let admin: Account;

beforeAll(async () => {
  running = await runConsole({
    config: loadConfig({ environment: {} }),
    database: sample.database,
    embedder: sample.embedder,
    port: 0,
    log: () => {},
  });
  admin = await createAccount(sample.database, {
    username: 'admin-li',
    password: 'correct horse battery',
    role: 'admin',
  });
});
afterAll(async () => {
  await running?.stop();
});

async function signedIn(username: string) {
  const client = new ConsoleClient(running.url);
  await client.signIn(username);
  return client;
}

async function draftedCase(text: string) {
  const received = await submitInquiry(running.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'browser-accounts',
    receivedBy: 'surface:web',
  });
  await running.worker.kick('draft');
  return received.caseId;
}

const accountIdOf = async (username: string) => {
  const [row] = await sample.database.query<{ id: string }>('SELECT id FROM accounts WHERE username = $1', [username]);
  if (!row) throw new Error(`no account ${username}`);
  return Number(row.id);
};

describe('account changes in the console', () => {
  it('records every change (create, re-role, link, disable) in the audit trail with the admin who made it', async () => {
    const client = await signedIn('admin-li');
    const csrf = ConsoleClient.field((await client.get('/accounts')).body, 'csrf');
    const before = (await readAuditLog(sample.database)).length;
    expect(
      await client.post('/accounts', {
        csrf,
        username: 'zhou',
        display_name: '周',
        password: 'correct horse battery',
        role: 'drafter',
        unit: '',
      }),
    ).toMatchObject({ status: 303 });
    const zhou = await accountIdOf('zhou');
    expect(
      await client.submit(`/accounts/${zhou}/role`, { csrf, role: 'approver', unit: '市交通运输局' }),
    ).toMatchObject({ status: 303, location: '/accounts', body: expect.stringContaining('角色已更改') });
    expect(
      await client.post(`/accounts/${zhou}/identities`, { csrf, surface: 'slack', external_id: 'U0ZHOU1' }),
    ).toMatchObject({ status: 303 });
    expect(await findAccountByIdentity(sample.database, { surface: 'slack', externalId: 'U0ZHOU1' })).toMatchObject({
      username: 'zhou',
      role: 'approver',
      unit: '市交通运输局',
    });
    const page = (await client.get('/accounts')).body;
    expect(page).toContain(`<tr id="account-${zhou}"><td>zhou</td><td>周</td><td>审核人</td><td>市交通运输局</td>`);
    expect(page).toContain(actorName(admin));
    expect(page).toContain('slack:U0ZHOU1');
    expect(await client.post(`/accounts/${zhou}/disable`, { csrf })).toMatchObject({ status: 303 });
    await expect(signedIn('zhou')).rejects.toThrow(/sign-in as zhou failed/);

    const changes = (await readAuditLog(sample.database)).slice(before);
    expect(changes.map((entry) => [entry.event, entry.actor, entry.details.account])).toEqual([
      ['account-created', actorName(admin), `account:${zhou}:zhou`],
      ['account-role-changed', actorName(admin), `account:${zhou}:zhou`],
      ['identity-linked', actorName(admin), `account:${zhou}:zhou`],
      ['account-disabled', actorName(admin), `account:${zhou}:zhou`],
    ]);
    expect(changes[1]!.details).toMatchObject({
      from: { role: 'drafter', unit: null },
      to: { role: 'approver', unit: '市交通运输局' },
    });
  });

  it("refuses an admin's change to their own account, a bad link and anyone but an admin, and records nothing", async () => {
    const client = await signedIn('admin-li');
    const csrf = ConsoleClient.field((await client.get('/accounts')).body, 'csrf');
    const before = (await readAuditLog(sample.database)).length;
    expect((await client.post(`/accounts/${admin.id}/role`, { csrf, role: 'staff', unit: '' })).status).toBe(403);
    expect((await client.post(`/accounts/${admin.id}/disable`, { csrf })).status).toBe(403);
    await createAccount(sample.database, { username: 'qian', password: 'correct horse battery', role: 'approver' });
    const qian = await accountIdOf('qian');
    expect(
      (await client.post(`/accounts/${qian}/identities`, { csrf, surface: 'irc', external_id: 'qian' })).status,
    ).toBe(400);
    const approver = await signedIn('qian');
    const approverCsrf = ConsoleClient.field((await approver.get('/queue')).body, 'csrf');
    expect(
      (await approver.post(`/accounts/${qian}/role`, { csrf: approverCsrf, role: 'admin', unit: '' })).status,
    ).toBe(403);
    expect(await readAuditLog(sample.database)).toHaveLength(before);
  });

  it("shows on the case page that the approver's account was made by the admin who edited the approved text", async () => {
    const caseId = await draftedCase('申请公开政府信息，多长时间能得到答复？');
    const client = await signedIn('admin-li');
    const casePage = (await client.get(`/cases/${caseId}`)).body;
    const csrf = ConsoleClient.field(casePage, 'csrf');
    const first = (await findVersion(sample.database, caseId, 1))!;
    await client.post(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'edit',
      version: '1',
      text: `${first.text}如有疑问请来电。`,
    });
    await client.post('/accounts', {
      csrf,
      username: 'second-self',
      display_name: '第二账号',
      password: 'correct horse battery',
      role: 'approver',
      unit: '',
    });
    const sock = await signedIn('second-self');
    const sockPage = (await sock.get(`/cases/${caseId}`)).body;
    await sock.post(`/cases/${caseId}/decisions`, {
      csrf: ConsoleClient.field(sockPage, 'csrf'),
      action: 'approve',
      version: '2',
      text_hash: ConsoleClient.field(sockPage, 'text_hash'),
    });
    expect(['approved', 'posted']).toContain((await findCase(sample.database, caseId))!.status);

    const shown = (await client.get(`/cases/${caseId}`)).body;
    expect(shown).toContain('id="people-concerns"');
    expect(shown).toContain('批准第 2 版的账号 second-self 由修改该版的 admin-li 创建');
    expect(shown).toMatch(/第二账号（second-self，#\d+，审核人）<\/td><td>批准第2版/);
    expect(shown).toMatch(/admin-li（admin-li，#\d+，管理员）<\/td><td>修改第2版/);
  });
});

describe('reassigning through the case page', () => {
  it('refuses an approver of another unit who posts reassign to their own unit and then approve, changing nothing', async () => {
    const caseId = await draftedCase('政府信息公开申请需要提交哪些材料？');
    const found = (await findCase(sample.database, caseId))!;
    await createAccount(sample.database, {
      username: 'approver-transport',
      password: 'correct horse battery',
      role: 'approver',
      unit: '市交通运输局',
    });
    expect(found.unit).not.toBe('市交通运输局');
    const attacker = await signedIn('approver-transport');
    const page = (await attacker.get(`/cases/${caseId}`)).body;
    const csrf = ConsoleClient.field(page, 'csrf');
    const reassign = await attacker.submit(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'reassign',
      unit: '市交通运输局',
    });
    expect(reassign.location).toBe(`/cases/${caseId}`);
    expect(reassign.body).toContain('操作未执行');
    expect(reassign.body).toContain('可以转办');
    const version = (await findVersion(sample.database, caseId, 1))!;
    const approve = await attacker.submit(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'approve',
      version: '1',
      text_hash: version.textHash,
    });
    expect(approve.body).toContain('操作未执行');
    expect((await findCase(sample.database, caseId))!).toMatchObject({ unit: found.unit, status: 'awaiting-review' });
    expect(await sample.database.query('SELECT 1 FROM outbox WHERE case_id = $1', [caseId])).toEqual([]);
  });
});

describe('with HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN', () => {
  it("keeps an admin's change waiting until another admin confirms it; the one who asked cannot", async () => {
    const strict = await runConsole({
      config: loadConfig({ environment: { HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN: 'true' } }),
      database: sample.database,
      embedder: sample.embedder,
      port: 0,
      log: () => {},
    });
    try {
      const other = await createAccount(sample.database, {
        username: 'admin-wu',
        password: 'correct horse battery',
        role: 'admin',
      });
      const first = new ConsoleClient(strict.url);
      await first.signIn('admin-li');
      const csrf = ConsoleClient.field((await first.get('/accounts')).body, 'csrf');
      expect(
        await first.submit('/accounts', {
          csrf,
          username: 'puppet',
          password: 'correct horse battery',
          role: 'approver',
          unit: '',
        }),
      ).toMatchObject({
        status: 303,
        location: '/accounts',
        body: expect.stringContaining('待另一位管理员确认后生效'),
      });
      expect(await accountIdOf('puppet').catch(() => undefined)).toBeUndefined();
      const [request] = await sample.database.query<{ id: string; change: Record<string, unknown> }>(
        `SELECT id, change FROM account_change_requests WHERE status = 'pending'`,
      );
      expect(JSON.stringify(request!.change)).not.toContain('correct horse battery');
      expect((await first.submit(`/accounts/requests/${request!.id}/confirm`, { csrf })).body).toContain(
        '不能确认或驳回自己提出的账号变更',
      );
      await expect(signedIn('puppet')).rejects.toThrow(/failed/);

      const second = new ConsoleClient(strict.url);
      await second.signIn('admin-wu');
      const secondCsrf = ConsoleClient.field((await second.get('/accounts')).body, 'csrf');
      expect(await second.submit(`/accounts/requests/${request!.id}/confirm`, { csrf: secondCsrf })).toMatchObject({
        status: 303,
        body: expect.stringContaining('变更已确认并生效'),
      });
      await signedIn('puppet');
      const puppet = `account:${await accountIdOf('puppet')}:puppet`;
      const created = (await readAuditLog(sample.database)).filter(
        (entry) => entry.event === 'account-created' && entry.details.account === puppet,
      );
      expect(created.map((entry) => [entry.actor, entry.details.requestedBy])).toEqual([
        [actorName(other), actorName(admin)],
      ]);
      // The account remembers who chose the identity: the case page's warning still names the one who asked.
      const [row] = await sample.database.query<{ created_by: string }>(
        `SELECT created_by FROM accounts WHERE username = 'puppet'`,
      );
      expect(row!.created_by).toBe(actorName(admin));
      expect((await second.submit(`/accounts/requests/${request!.id}/confirm`, { csrf: secondCsrf })).body).toContain(
        '该变更不存在或已处理',
      );
    } finally {
      await strict.stop();
    }
  });
});
