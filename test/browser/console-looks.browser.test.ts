import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../config/package-root.ts';
import { chromiumAvailable, launchChromium } from '../support/launch-chromium.ts';
import { draftACase } from '../support/draft-a-case.ts';
import { TEST_PASSWORD, useRunningConsole } from '../support/running-console.ts';

if (!chromiumAvailable)
  console.warn(
    '[browser tests] skipped: /usr/bin/chromium is not installed (apt-get install -y chromium fonts-wqy-zenhei).',
  );

// Screenshots of the pages an office works in, at the width of an office monitor, to look at after a change
// (test-output/ is not committed).
const SCREENSHOTS = join(PACKAGE_ROOT, 'test-output', 'screenshots');
const consoleUnderTest = useRunningConsole();
let browser: Browser;
let page: Page;
let caseId: number;

describe.skipIf(!chromiumAvailable)('the console at 1280 px', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    caseId = await draftACase(consoleUnderTest.running);
    await draftACase(consoleUnderTest.running, '公共停车场收费标准由谁制定？');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${consoleUnderTest.url}/login`);
    await page.getByLabel('用户名').fill('admin-he');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/queue$/);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('styles buttons as the console’s own, not the browser’s defaults', async () => {
    await page.goto(`${consoleUnderTest.url}/cases/${caseId}`);
    await screenshot('case');
    for (const name of [/批准发布第 1 版/, '退回', '保存为新版本']) {
      const style = await page.getByRole('button', { name }).evaluate((button) => {
        const computed = getComputedStyle(button);
        return { radius: computed.borderTopLeftRadius, background: computed.backgroundColor };
      });
      expect(style.radius).not.toBe('0px');
      // Chromium's default button face.
      expect(style.background).not.toBe('rgb(239, 239, 239)');
    }
  });

  it('gives each review action room: no two overlap or touch, nor a field and its button', async () => {
    await page.goto(`${consoleUnderTest.url}/cases/${caseId}`);
    const boxes = await page.locator('.actions > form').evaluateAll((forms) =>
      forms.map((form) => {
        const box = form.getBoundingClientRect();
        return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    const glued = await page.locator('.actions > form').evaluateAll((forms) =>
      forms.flatMap((form) => {
        const field = form.querySelector('input[type="text"], select');
        const button = form.querySelector('button');
        if (!field || !button) return [];
        const [a, b] = [field.getBoundingClientRect(), button.getBoundingClientRect()];
        const apart = b.left >= a.right + 6 || a.left >= b.right + 6 || b.top >= a.bottom + 6 || a.top >= b.bottom + 6;
        return apart ? [] : [button.textContent ?? ''];
      }),
    );
    expect(glued).toEqual([]);
    for (const [index, box] of boxes.entries())
      for (const other of boxes.slice(index + 1)) {
        const apart =
          other.left >= box.right + 8 ||
          box.left >= other.right + 8 ||
          other.top >= box.bottom + 8 ||
          box.top >= other.bottom + 8;
        expect(apart, `review actions ${JSON.stringify(box)} and ${JSON.stringify(other)} touch`).toBe(true);
      }
  });

  it('keeps dates, 有效性, 文号 and numbers in 知识库 on one line', async () => {
    await page.goto(`${consoleUnderTest.url}/documents?all=1`);
    await screenshot('documents');
    const wrapped = await page.locator('#documents').evaluate((table) => {
      const headings = [...table.querySelectorAll('thead th')].map((cell) => cell.textContent ?? '');
      const columns = ['文号', '发布日期', '有效性', '版本', '段落'].map((name) => headings.indexOf(name));
      const problems: string[] = [];
      for (const row of table.querySelectorAll('tbody tr'))
        for (const column of columns) {
          const cell = row.children[column]!;
          const range = document.createRange();
          range.selectNodeContents(cell);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) problems.push(`${headings[column]}: ${cell.textContent}`);
        }
      return problems;
    });
    expect(wrapped).toEqual([]);
  });

  it('shows the queue and 口径库 (screenshots to look at)', async () => {
    await page.goto(`${consoleUnderTest.url}/queue`);
    await screenshot('queue');
    await expect(page.locator('#queue tbody tr').count()).resolves.toBeGreaterThanOrEqual(2);
    await page.goto(`${consoleUnderTest.url}/talking-points`);
    await screenshot('talking-points');
    await page.goto(`${consoleUnderTest.url}/accounts`);
    await screenshot('accounts');
    await page.goto(`${consoleUnderTest.url}/`);
    await screenshot('public');
  });
});
