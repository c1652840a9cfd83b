import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import type { Database } from '../../db/database.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { findCaseByReference, findVersion } from '../../review/read-cases.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { chromiumAvailable, launchChromium } from '../support/launch-chromium.ts';
import { runCliWith } from '../support/run-cli.ts';
import { createTestDataDirectory } from '../support/test-databases.ts';

if (!chromiumAvailable)
  console.warn(
    '[browser tests] skipped: /usr/bin/chromium is not installed (apt-get install -y chromium fonts-wqy-zenhei; .ci/run does this).',
  );

// An embedded data directory on disk, so that `huiying audit show` can read the same record once the console stops.
const office = fixtureFolder({ withSampleOffice: true });
const data = fixtureFolder();
const embedder = new HashingEmbedder({ dimensions: 64 });
const COMPLAINT_SENTENCE = '对答复不满意的，可以依法申请行政复议或者提起行政诉讼。';
let database: Database;
let running: RunningConsole;
let browser: Browser;
let stopped = false;

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${running.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('correct horse battery');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/queue$/);
}

describe.skipIf(!chromiumAvailable)('the evidence workbench in a browser', () => {
  beforeAll(async () => {
    await createTestDataDirectory(data.path('pglite'));
    database = await openPgliteDatabase({ dataDirectory: data.path('pglite') });
    await ingestSources({ database, embedder, inputs: [office.root] });
    running = await runConsole({ config: loadConfig({ environment: {} }), database, embedder, port: 0, log: () => {} });
    for (const [username, displayName] of [
      ['zhang', '张编辑'],
      ['li', '李审核'],
    ] as const)
      await createAccount(database, { username, displayName, password: 'correct horse battery', role: 'approver' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (!stopped) {
      await running?.stop();
      await database?.close();
    }
    office.remove();
    data.remove();
  });

  it('a reviewer adds a passage retrieval missed, cites it, another approves, the public sees it and the audit shows it', async () => {
    const citizen = await browser.newPage();
    await citizen.goto(running.url);
    await citizen.getByLabel('您的问题').fill('申请公开政府信息，多长时间能得到答复？');
    await citizen.getByRole('button', { name: '提交' }).click();
    await citizen.waitForURL(/\/answers\/HY-/);
    const reference = (await citizen.locator('#reference').textContent())!;
    await running.worker.kick('draft');
    const found = (await findCaseByReference(database, reference))!;
    const first = (await findVersion(database, found.id, 1))!;
    const [article] = await database.query<{ id: string }>(
      `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
       WHERE d.title = '青禾市政府信息公开实施办法' AND c.article_label = '第十二条'`,
    );
    const complaints = Number(article!.id);
    // Retrieval did not offer Article 12 (complaints) for a question about how long an answer takes.
    expect(first.sources.some((source) => source.chunkId === complaints)).toBe(false);
    const number = first.sources.length + 1;

    // 张 searches from the case and adds the passage.
    const zhang = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(zhang, 'zhang');
    await zhang.goto(`${running.url}/cases/${found.id}`);
    await zhang.getByLabel('检索词').fill('对答复不满意 行政复议');
    await zhang.locator('#search-evidence').click();
    await zhang.waitForURL(/[?&]q=/);
    const result = zhang.locator('#search-results li', { has: zhang.locator(`#add-source-${complaints}`) });
    await expect(result.textContent()).resolves.toMatch(/第十二条 青禾市 有效/);
    await zhang.locator(`#add-source-${complaints}`).click();
    await expect(zhang.locator('.notice').textContent()).resolves.toContain('已加入依据');
    await expect(zhang.locator(`#source-${number}`).textContent()).resolves.toContain('第十二条');
    // Back at the same search: the passage is now listed as a source.
    await expect(zhang.locator('#search-results').textContent()).resolves.toContain(`已是依据 [${number}]`);

    await zhang.screenshot({ path: join('test-output', 'evidence-workbench-search.png'), fullPage: true });

    // 张 rewrites a sentence citing it as [n] and saves: the version verifies clean.
    const textarea = zhang.locator('#edit-text');
    await textarea.fill(
      (await textarea.inputValue()).replace('如需进一步了解', `${COMPLAINT_SENTENCE}[${number}]\n如需进一步了解`),
    );
    await zhang.getByRole('button', { name: '保存为新版本' }).click();
    await expect(zhang.locator('#diff ins').textContent()).resolves.toBe(`${COMPLAINT_SENTENCE}[${number}]`);
    await expect(zhang.locator('#draft').textContent()).resolves.toContain(`${COMPLAINT_SENTENCE}[${number}]`);
    await expect(zhang.getByText('以下内容未获引用来源支持').count()).resolves.toBe(0);
    await zhang.locator('#evidence').scrollIntoViewIfNeeded();
    await zhang.screenshot({ path: join('test-output', 'evidence-workbench.png'), fullPage: true });

    // 李 approves version 3; the public answer lists the new source.
    const li = await (await browser.newContext()).newPage();
    await signIn(li, 'li');
    await li.goto(`${running.url}/cases/${found.id}`);
    await expect(li.locator(`#source-${number}`).textContent()).resolves.toContain('第十二条');
    await li.getByRole('button', { name: /批准发布第 3 版/ }).click();
    await expect(li.locator('.notice').textContent()).resolves.toContain('已批准');
    await running.worker.kick('deliver');
    await citizen.reload();
    const answer = (await citizen.locator('#answer').textContent())!;
    expect(answer).toContain(`${COMPLAINT_SENTENCE}[${number}]`);
    expect(answer).toContain(`[${number}] 《青禾市政府信息公开实施办法》（青政发〔2024〕3号）第十二条`);

    // `huiying audit show` names who changed the evidence, and how.
    await running.stop();
    await database.close();
    stopped = true;
    const story = await runCliWith({
      argv: ['audit', 'show', String(found.id)],
      environment: { HUIYING_DATA_DIR: data.root },
    });
    expect(story.code).toBe(0);
    expect(story.out).toMatch(
      new RegExp(
        `evidence-changed\\s+(account:)?.*zhang[\\s\\S]*summary=加入 \\[${number}\\] 《青禾市政府信息公开实施办法》`,
      ),
    );
    expect(story.out).toMatch(/evidence-changed[\s\S]+draft-edited[\s\S]+draft-approved[\s\S]+answer-posted/);
  });
});
