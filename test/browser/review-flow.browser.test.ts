import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../../review/accounts/accounts.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { findCaseByReference } from '../../review/read-cases.ts';
import { chromiumAvailable, launchChromium } from '../support/launch-chromium.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

if (!chromiumAvailable) {
  console.warn(
    '[browser tests] skipped: /usr/bin/chromium is not installed (apt-get install -y chromium fonts-wqy-zenhei; .ci/run does this).',
  );
  if (process.env.HUIYING_REQUIRE_BROWSER === '1')
    throw new Error('HUIYING_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing.');
}

const sample = useSampleOfficeDatabase();
let running: RunningConsole;
let browser: Browser;

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${running.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('correct horse battery');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/queue$/);
}

describe.skipIf(!chromiumAvailable)('the review flow in a browser', () => {
  beforeAll(async () => {
    running = await runConsole({
      config: loadConfig({ environment: {} }),
      database: sample.database,
      embedder: sample.embedder,
      port: 0,
      log: () => {},
    });
    await createAccount(sample.database, {
      username: 'zhang',
      displayName: '张编辑',
      password: 'correct horse battery',
      role: 'approver',
    });
    await createAccount(sample.database, {
      username: 'li',
      displayName: '李审核',
      password: 'correct horse battery',
      role: 'approver',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('takes a citizen question through draft, edit, a refused self-approval, approval by another person, to the public page', async () => {
    // A citizen asks on the public page.
    const citizen = await browser.newPage();
    await citizen.goto(running.url);
    await citizen.getByLabel('您的问题').fill('申请公开政府信息，多长时间能得到答复？');
    await citizen.getByRole('button', { name: '提交' }).click();
    await citizen.waitForURL(/\/answers\/HY-/);
    await expect(citizen.locator('#pending').textContent()).resolves.toContain('正在审核中');
    const reference = (await citizen.locator('#reference').textContent())!;
    await running.worker.kick('draft');

    // 张 finds it in the queue, opens the cited source, edits the draft.
    const zhang = await (await browser.newContext()).newPage();
    await signIn(zhang, 'zhang');
    await zhang
      .locator('#queue')
      .getByRole('link', { name: /申请公开政府信息/ })
      .click();
    await expect(zhang.locator('#draft a.cite').first().textContent()).resolves.toBe('[1]');
    const caseUrl = zhang.url();
    await zhang.locator('#draft a.cite').first().click();
    await zhang.waitForURL(/\/sources\/\d+#passage$/);
    await expect(zhang.locator('mark#passage').textContent()).resolves.toMatch(/\S/);
    await expect(zhang.locator('mark#passage').isVisible()).resolves.toBe(true);
    await zhang.goto(caseUrl);
    const textarea = zhang.locator('#edit-text');
    // A sentence added before the closing (the 落款 stays last).
    await textarea.fill(
      (await textarea.inputValue()).replace(
        '如需进一步了解',
        '如有疑问，可向政府信息公开工作机构咨询。\n如需进一步了解',
      ),
    );
    await zhang.getByRole('button', { name: '保存为新版本' }).click();
    await expect(zhang.locator('#diff ins').textContent()).resolves.toBe('如有疑问，可向政府信息公开工作机构咨询。');

    // 张 may not approve the text he wrote: refused, on the record.
    await zhang.getByRole('button', { name: /批准发布第 2 版/ }).click();
    await expect(zhang.locator('.error').first().textContent()).resolves.toContain(
      '不能由本人批准：请另一位审核人批准',
    );
    await expect(zhang.locator('#status').textContent()).resolves.toBe('待审核');
    // Reloading the page after a decision sends nothing again (POST/redirect/GET): no second refusal on record.
    await zhang.reload();
    await expect(zhang.locator('.error[role="alert"]').count()).resolves.toBe(0);

    // 李 approves it.
    const li = await (await browser.newContext()).newPage();
    await signIn(li, 'li');
    await li
      .locator('#queue')
      .getByRole('link', { name: /申请公开政府信息/ })
      .click();
    await li.getByRole('button', { name: /批准发布第 2 版/ }).click();
    await expect(li.locator('.notice').textContent()).resolves.toContain('已批准');
    await li.reload();
    await running.worker.kick('deliver');

    // The citizen sees the approved text, with its sources.
    await citizen.reload();
    const answer = (await citizen.locator('#answer').textContent())!;
    expect(answer).toContain('如有疑问，可向政府信息公开工作机构咨询。');
    expect(answer).toContain('依据：');

    const found = (await findCaseByReference(sample.database, reference))!;
    const story = (await readAuditLog(sample.database, { caseId: found.id })).map((entry) => entry.event);
    expect(story).toEqual([
      'inquiry-received',
      'draft-created',
      'draft-edited',
      'decision-refused',
      'draft-approved',
      'answer-posted',
    ]);
    expect(await verifyAuditChain(sample.database)).toMatchObject({ valid: true });
  });
});
