import { beforeAll, describe, expect, it } from 'vitest';
import { decideCase } from '../../review/decide-case.ts';
import { findVersion } from '../../review/read-cases.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { draftACase } from '../support/draft-a-case.ts';
import { useRunningConsole } from '../support/running-console.ts';

const consoleUnderTest = useRunningConsole();

/**
 * English sentences in what a page shows: three or more English words in a row, outside elements marked lang="en"
 * (technical details kept as the system gave them) and outside <code> and `…` (commands to type). Usernames, references and
 * addresses are single tokens and pass.
 */
function englishIn(page: string): string[] {
  const visible = page
    .replace(/<(script|style|code|title)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/<([a-z]+)[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<textarea[^>]*>[\s\S]*?<\/textarea>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
  return [...visible.matchAll(/[A-Za-z][A-Za-z'’]*(?:[ ,;:()]+[A-Za-z][A-Za-z'’]*){2,}/g)].map((match) => match[0]);
}

let approver: ConsoleClient;
let drafter: ConsoleClient;
let editedCase: number;
let refusedCase: number;
let voidedCase: number;
const pages: Record<string, string> = {};

beforeAll(async () => {
  const { running, accounts } = consoleUnderTest;
  approver = new ConsoleClient(consoleUnderTest.url);
  await approver.signIn('approver-zhao');
  drafter = new ConsoleClient(consoleUnderTest.url);
  await drafter.signIn('drafter-wang');

  // A draft edited with a fact no source states and a contact no source gives: warnings after the edit, flags on the page.
  editedCase = await draftACase(running);
  const page = await drafter.get(`/cases/${editedCase}`);
  const edited = await drafter.submit(`/cases/${editedCase}/decisions`, {
    csrf: ConsoleClient.field(page.body, 'csrf'),
    action: 'edit',
    version: '1',
    text: '您好！行政机关收到申请后应当在90个工作日内答复[1]。详情请致电13912345678或访问 evil.example/claim 查询[1]。',
  });
  pages['case after an edit with warnings'] = edited.body;
  // Approving one's own edit is refused: the reason after the redirect, and in the record.
  await decideCase(running.context, {
    caseId: editedCase,
    actor: accounts.approver,
    decision: { action: 'edit', basedOnVersion: 2, text: '您好！行政机关收到政府信息公开申请后依法答复[1]。' },
  });
  const three = (await findVersion(running.context.database, editedCase, 3))!;
  const csrf = ConsoleClient.field((await approver.get(`/cases/${editedCase}`)).body, 'csrf');
  pages['case after a refused approval'] = (
    await approver.submit(`/cases/${editedCase}/decisions`, {
      csrf,
      action: 'approve',
      version: '3',
      text_hash: three.textHash,
    })
  ).body;
  pages['case after a stale edit'] = (
    await approver.submit(`/cases/${editedCase}/decisions`, { csrf, action: 'edit', version: '1', text: '旧版本[1]。' })
  ).body;
  pages['case after an empty reason'] = (
    await approver.submit(`/cases/${editedCase}/decisions`, { csrf, action: 'reject', reason: ' ' })
  ).body;

  // An approved answer edited before it was posted: its delivery is voided, and the page and the record say why.
  voidedCase = await draftACase(running);
  const one = (await findVersion(running.context.database, voidedCase, 1))!;
  await decideCase(running.context, {
    caseId: voidedCase,
    actor: accounts.approver,
    decision: { action: 'approve', version: 1, textHash: one.textHash },
  });
  await decideCase(running.context, {
    caseId: voidedCase,
    actor: accounts.drafter,
    decision: { action: 'edit', basedOnVersion: 1, text: '您好！行政机关收到政府信息公开申请后依法答复[1]。' },
  });
  pages['case with a voided delivery'] = (await approver.get(`/cases/${voidedCase}`)).body;

  // A drafter's edit with a sentence its citation does not support, approved by an approver: the warning after it.
  const warnedCase = await draftACase(running);
  await decideCase(running.context, {
    caseId: warnedCase,
    actor: accounts.drafter,
    decision: {
      action: 'edit',
      basedOnVersion: 1,
      text: '您好！行政机关收到申请后应当在90个工作日内答复[1]。行政机关收到政府信息公开申请后依法答复[1]。',
    },
  });
  const two = (await findVersion(running.context.database, warnedCase, 2))!;
  pages['case after an approval with warnings'] = (
    await approver.submit(`/cases/${warnedCase}/decisions`, {
      csrf: ConsoleClient.field((await approver.get(`/cases/${warnedCase}`)).body, 'csrf'),
      action: 'approve',
      version: '2',
      text_hash: two.textHash,
    })
  ).body;

  // A question nothing in the sources answers: the draft is a refusal with its reasons.
  refusedCase = await draftACase(running, '火星移民的补贴标准是多少？');
  pages['case with a refused draft'] = (await approver.get(`/cases/${refusedCase}`)).body;

  const tp = await drafter.get('/talking-points');
  pages['口径库 after a refused proposal'] = (
    await drafter.submit('/talking-points', {
      csrf: ConsoleClient.field(tp.body, 'csrf'),
      title: '关于青禾大桥封闭检测的回应口径',
      text: '青禾大桥自11月23日起封闭检测。',
      expires_on: '2099-12-31',
    })
  ).body;
  pages['口径库 after a drafter tries to publish'] = (
    await drafter.submit('/talking-points/999999/decisions', {
      csrf: ConsoleClient.field(tp.body, 'csrf'),
      action: 'publish',
    })
  ).body;
  const admin = new ConsoleClient(consoleUnderTest.url);
  await admin.signIn('admin-he');
  const accountsPage = await admin.get('/accounts');
  pages['账号管理 after a refused account'] = (
    await admin.submit('/accounts', {
      csrf: ConsoleClient.field(accountsPage.body, 'csrf'),
      username: 'x',
      password: 'short',
      role: 'approver',
    })
  ).body;
  pages['queue'] = (await approver.get('/queue')).body;
  pages['知识库'] = (await approver.get('/documents?all=1')).body;
  const staff = new ConsoleClient(consoleUnderTest.url);
  await staff.signIn('staff-li');
  const ask = await staff.get('/staff');
  pages['政策问答'] = (
    await staff.submit('/staff', { csrf: ConsoleClient.field(ask.body, 'csrf'), question: '停车场收费标准由谁制定？' })
  ).body;
  pages['sign-in refused'] = (
    await new ConsoleClient(consoleUnderTest.url).postLogin({ username: 'x', password: 'y' })
  ).body;
});

describe('the console speaks Chinese', () => {
  it('shows no English sentence on any page, in any message, refusal or warning', () => {
    const found = Object.entries(pages).flatMap(([name, page]) =>
      englishIn(page).map((sentence) => `${name}: ${sentence}`),
    );
    expect(found).toEqual([]);
  });

  it('tells the reviewer in Chinese why an approval was refused, why sentences were flagged, what the draft lacks', () => {
    expect(pages['case after a refused approval']).toMatch(/操作未执行：.*修改了第 3 版.*另一位审核人/);
    expect(pages['case after an edit with warnings']).toContain('请注意');
    expect(pages['case with a refused draft']).toMatch(
      /需人工关注（\d+）<\/summary><ul><li>检索到的依据不足以答复（置信度 [\d.]+，需达到 [\d.]+）：/,
    );
    expect(pages['case after a refused approval']).toMatch(/草稿（第 3 版，approver-zhao 修改）/);
    expect(pages['case after an approval with warnings']).toMatch(/请注意：有 \d 句未获引用来源支持/);
    expect(pages['case after an edit with warnings']).toMatch(
      /请注意：“[^”]+”：陈述了引用来源中没有的内容：90个工作日；“[^”]+”：与引用来源共有的词语过少（\d+ 个词中仅 0 个见于来源）；.*已隐去 1 处个人信息/,
    );
  });

  it('says why a delivery was voided, and names who acted in the record as people read them', () => {
    const page = pages['case with a voided delivery']!;
    expect(page).toContain('已作废：批准后文本有变动');
    expect(page).toMatch(/批准失效<\/td><td>drafter-wang<\/td><td class="muted">第1版；修改为第 2 版/);
    expect(page).toMatch(/生成草稿<\/td><td>系统摘录<\/td>/);
    expect(page).toMatch(/受理<\/td><td>网页<\/td>/);
    expect(page).not.toMatch(/account:\d+:|drafter:extractive|surface:web/);
  });
});
