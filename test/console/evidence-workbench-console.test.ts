import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { createAccount, type Account } from '../../review/accounts/accounts.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let running: RunningConsole;
let context: ReviewContext;
let approver: Account;
let drafter: Account;
// Article 12 (complaints, 行政复议): retrieval does not offer it for a question about how long an answer takes.
let complaints: number;
const QUESTION = '申请公开政府信息，多长时间能得到答复？';
const COMPLAINT_SENTENCE = '对答复不满意的，可以依法申请行政复议或者提起行政诉讼。';

beforeAll(async () => {
  const config = loadConfig({ environment: {} });
  running = await runConsole({ config, database: sample.database, embedder: sample.embedder, port: 0, log: () => {} });
  context = createReviewContext({ config, database: sample.database, embedder: sample.embedder });
  const make = (username: string, role: Account['role'], unit: string | null = null) =>
    createAccount(sample.database, { username, password: 'correct horse battery', role, unit, displayName: username });
  drafter = await make('drafter', 'drafter');
  approver = await make('approver', 'approver');
  await make('traffic', 'approver', '市交通运输局');
  await make('staff', 'staff');
  const [row] = await sample.database.query<{ id: string }>(
    `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE d.title = '青禾市政府信息公开实施办法' AND c.article_label = '第十二条'`,
  );
  complaints = Number(row!.id);
});
afterAll(async () => {
  await running?.stop();
});

async function draftedCase(text = QUESTION): Promise<number> {
  const { caseId } = await submitInquiry(context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'b-1',
    receivedBy: 'surface:web',
  });
  await draftCase(context, caseId);
  return caseId;
}

const current = async (caseId: number) => {
  const found = (await findCase(sample.database, caseId))!;
  return (await findVersion(sample.database, caseId, found.currentVersion))!;
};

async function signedIn(username: string) {
  const client = new ConsoleClient(running.url);
  await client.signIn(username);
  return client;
}

// A form post answered by a redirect to the case page (POST/redirect/GET), and that page with its flash, once.
async function decide(client: ConsoleClient, caseId: number, fields: Record<string, string>) {
  const response = await client.post(`/cases/${caseId}/decisions`, fields);
  const page = response.status === 303 ? (await client.get(response.location!.replace(/#.*/, ''))).body : response.body;
  return { status: response.status, location: response.location, page };
}

const search = (caseId: number, fields: Record<string, string>) =>
  `/cases/${caseId}?${new URLSearchParams(fields).toString()}`;

describe('the evidence workbench on the case page', () => {
  it('searches the knowledge base from the case with labels, adds a passage and comes back to the search', async () => {
    const caseId = await draftedCase();
    const client = await signedIn('drafter');
    const page = await client.get(search(caseId, { q: '对答复不满意 行政复议' }));
    expect(page.status).toBe(200);
    const results = /<ol class="sources" id="search-results">([\s\S]*?)<\/ol>/.exec(page.body)![1]!;
    expect(results).toContain(`href="/sources/${complaints}#passage"`);
    expect(results).toContain('第十二条');
    // Where each passage has force and whether it is valid, as huiying search marks them.
    expect(results).toMatch(/<span class="label">青禾市<\/span> <span class="label">有效<\/span>/);
    expect(results).toContain(`id="add-source-${complaints}"`);
    // The draft's own sources are marked as listed, with no second 添加为依据.
    const draft = await current(caseId);
    const listed = draft.sources.find((source) => results.includes(`href="/sources/${source.chunkId}#`));
    if (listed) expect(results).toContain(`已是依据 [${listed.number}]`);

    const added = await decide(client, caseId, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      action: 'add-source',
      version: String(draft.version),
      chunk_id: String(complaints),
      search_q: '对答复不满意 行政复议',
      search_evil: 'ignored',
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe(
      `/cases/${caseId}?q=${encodeURIComponent('对答复不满意 行政复议').replace(/%20/g, '+')}#evidence`,
    );
    const after = { body: added.page };
    expect(after.body).toContain('已加入依据，保存为新版本');
    const number = draft.sources.length + 1;
    expect(after.body).toContain(
      `<li value="${number}" id="source-${number}"><a href="/sources/${complaints}#passage">`,
    );
    expect(after.body).toContain(`id="remove-source-${number}"`);
    expect(after.body).toContain(`已是依据 [${number}]`);
    expect(after.body).toMatch(/id="evidence-changes">本版依据变更：加入 \[4\] 《青禾市政府信息公开实施办法》/);
    // The audit trail on the page says who changed the evidence.
    expect(after.body).toMatch(/变更依据<\/td><td>[^<]*drafter/);

    // The edit box accepts the new [n]: the sentence verifies clean against the added passage.
    const text = (await current(caseId)).text.replace(/(如需进一步了解)/, `${COMPLAINT_SENTENCE}[${number}]\n$1`);
    const edited = await decide(client, caseId, {
      csrf: ConsoleClient.field(after.body, 'csrf'),
      action: 'edit',
      version: String(draft.version + 1),
      text,
    });
    expect(edited).toMatchObject({ status: 303, location: `/cases/${caseId}` });
    const saved = { body: edited.page };
    expect(saved.body).not.toContain('以下内容未获引用来源支持');
    expect(saved.body).toContain(`${COMPLAINT_SENTENCE}<a class="cite" href="/sources/${complaints}#passage"`);
  });

  it('filters the search as huiying search does, and says in Chinese what is wrong with a filter', async () => {
    const caseId = await draftedCase();
    const client = await signedIn('drafter');
    const faq = await client.get(search(caseId, { q: '对答复不满意', type: 'faq' }));
    const results = /id="search-results">([\s\S]*?)<\/ol>/.exec(faq.body)![1]!;
    expect(results).toContain('常见问题解答');
    expect(results).not.toContain('实施办法》（青政发');
    expect(faq.body).toContain('<option value="faq" selected>');
    const bad = await client.get(search(caseId, { q: '收费', from: '2024/03/01' }));
    expect(bad.status).toBe(200);
    expect(bad.body).toContain('日期“2024/03/01”格式不对，请写作 YYYY-MM-DD');
    expect(bad.body).not.toContain('id="search-results"');
    const none = await client.get(search(caseId, { q: '火星殖民计划补贴', type: 'report' }));
    expect(none.body).toMatch(/没有找到相关段落|id="search-results"/);
  });

  it('removes a source with its button, refuses to remove one the text still cites, and redrafts from the chosen sources', async () => {
    const caseId = await draftedCase('对政府信息公开答复不满意，可以申请行政复议吗？');
    const client = await signedIn('drafter');
    const page = await client.get(`/cases/${caseId}`);
    const draft = await current(caseId);
    const csrf = ConsoleClient.field(page.body, 'csrf');
    for (const source of draft.sources) expect(page.body).toContain(`id="remove-source-${source.number}"`);
    const refused = await decide(client, caseId, { csrf, action: 'remove-source', version: '1', number: '1' });
    expect(refused.status).toBe(303);
    expect(refused.page).toContain('依据 [1] 仍被以下句子引用');
    expect((await current(caseId)).version).toBe(1);

    // The reviewer drops the sentence citing the FAQ, then the FAQ itself, then redrafts from what is left.
    const withoutFirst = draft.text.replace(/\n[^\n]*\[1\]/, '');
    await client.post(`/cases/${caseId}/decisions`, { csrf, action: 'edit', version: '1', text: withoutFirst });
    const removed = await decide(client, caseId, { csrf, action: 'remove-source', version: '2', number: '1' });
    expect(removed).toMatchObject({ status: 303, location: `/cases/${caseId}` });
    const afterRemoval = { body: removed.page };
    expect(afterRemoval.body).toContain('已移除依据');
    expect(afterRemoval.body).not.toContain('id="remove-source-1"');
    expect(afterRemoval.body).toContain('id="redraft"');
    // Redrafting from these sources writes what the text already says: refused, on the page, nothing saved.
    const same = await decide(client, caseId, { csrf, action: 'redraft', version: '3' });
    expect(same.page).toContain('按所选依据重新起草的结果与当前版本相同');
    expect((await current(caseId)).version).toBe(3);
    // The reviewer cut too much (every cited line): the redraft writes them again from the sources left.
    const cut = (await current(caseId)).text.replace(/\n[^\n]*\[\d+\]/g, '');
    await client.post(`/cases/${caseId}/decisions`, { csrf, action: 'edit', version: '3', text: cut });
    const redrafted = await decide(client, caseId, { csrf, action: 'redraft', version: '4' });
    expect(redrafted).toMatchObject({ status: 303, location: `/cases/${caseId}` });
    expect(redrafted.page).toContain('已按所选依据重新起草为新版本');
    const version = await current(caseId);
    expect(version).toMatchObject({ version: 5, drafter: 'extractive-v1 for drafter from the chosen sources' });
    expect(version.text).toContain('第十二条规定');
    expect(version.sources.map((source) => source.number)).not.toContain(1);
    expect(version.verification.removed).toEqual([]);
  });

  it('lists similar posted answers with 以此为基础修改, which brings one in with its sources as a new version', async () => {
    // A past case whose reviewer added the passage on complaints, approved by another person and posted.
    const question = '政府信息公开申请收费吗？';
    const past = await draftedCase(question);
    await decideCase(context, {
      caseId: past,
      actor: drafter,
      decision: { action: 'edit', basedOnVersion: 1, addSources: [complaints] },
    });
    const withSource = await current(past);
    const number = withSource.sources.at(-1)!.number;
    await decideCase(context, {
      caseId: past,
      actor: drafter,
      decision: {
        action: 'edit',
        basedOnVersion: 2,
        text: withSource.text.replace(/(如需进一步了解)/, `${COMPLAINT_SENTENCE}[${number}]\n$1`),
      },
    });
    const pastVersion = await current(past);
    await decideCase(context, {
      caseId: past,
      actor: approver,
      decision: { action: 'approve', version: 3, textHash: pastVersion.textHash },
    });
    const surfaces = new Map([['web', new WebSurface({ database: sample.database, clock: context.clock })]]);
    await deliverDueAnswers({ database: sample.database, surfaces, clock: context.clock });

    const caseId = await draftedCase(question);
    const client = await signedIn('drafter');
    const page = await client.get(`/cases/${caseId}`);
    expect(page.body).toContain('相似的已发布答复');
    expect(page.body).toContain(`与第 <a href="/cases/${past}">${past}</a> 号案件（已发布`);
    const [entry] = await sample.database.query<{ id: string }>(
      `SELECT id FROM question_bank WHERE case_id = $1 AND status = 'active'`,
      [past],
    );
    expect(page.body).toContain(`id="adopt-answer-${entry!.id}">以此为基础修改</button>`);
    // The past case's page does not list itself.
    expect((await client.get(`/cases/${past}`)).body).not.toContain(`id="similar-answer-${entry!.id}"`);
    const adopted = await decide(client, caseId, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      action: 'adopt-answer',
      version: '1',
      entry_id: entry!.id,
    });
    expect(adopted).toMatchObject({ status: 303, location: `/cases/${caseId}` });
    const after = { body: adopted.page };
    expect(after.body).toContain('已以相似答复为基础保存为新版本');
    expect(after.body).toContain(`以第 <a href="/cases/${past}">${past}</a> 号案件的已发布答复为基础修改`);
    expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');
    const version = await current(caseId);
    expect(version.text).toContain(COMPLAINT_SENTENCE);
    expect(version.sources.some((source) => source.chunkId === complaints)).toBe(true);
    expect(version.verification.removed).toEqual([]);
  });

  it('refuses tampered and stale forms, a role without edit, and a reviewer of another unit, who sees no evidence buttons, edit box or search results', async () => {
    const caseId = await draftedCase();
    const client = await signedIn('drafter');
    const page = await client.get(`/cases/${caseId}`);
    const csrf = ConsoleClient.field(page.body, 'csrf');
    const post = (fields: Record<string, string>, as = client) => as.post(`/cases/${caseId}/decisions`, fields);
    const tampered = await post({ csrf, action: 'add-source', version: '1', chunk_id: '1 OR 1=1' });
    expect(tampered.status).toBe(400);
    expect(tampered.body).toContain('段落编号“1 OR 1=1”无效');
    expect((await post({ csrf, action: 'adopt-answer', version: '1', entry_id: '' })).status).toBe(400);
    expect((await post({ csrf, action: 'add-source', version: '0', chunk_id: String(complaints) })).status).toBe(400);
    const stale = await decide(client, caseId, {
      csrf,
      action: 'add-source',
      version: '2',
      chunk_id: String(complaints),
    });
    expect(stale.page).toContain('当前已是第 1 版');
    const missing = await decide(client, caseId, { csrf, action: 'add-source', version: '1', chunk_id: '999999999' });
    expect(missing.page).toContain('已不存在');
    const noCsrf = await post({ action: 'add-source', version: '1', chunk_id: String(complaints) });
    expect(noCsrf.status).toBe(403);

    const traffic = await signedIn('traffic');
    const trafficPage = await traffic.get(search(caseId, { q: '行政复议' }));
    expect(trafficPage.status).toBe(200);
    expect(trafficPage.body).not.toContain('id="add-source-');
    expect(trafficPage.body).not.toContain('id="remove-source-');
    expect(trafficPage.body).not.toContain('id="redraft"');
    // Nor the edit box (saving from it would be refused), nor the results of a search it could not add from.
    expect(page.body).toContain('id="save-edit"');
    expect(trafficPage.body).not.toContain('id="save-edit"');
    expect(trafficPage.body).not.toContain('id="search-results"');
    const trafficCsrf = ConsoleClient.field(trafficPage.body, 'csrf');
    for (const fields of <Array<Record<string, string>>>[
      { action: 'add-source', version: '1', chunk_id: String(complaints) },
      { action: 'remove-source', version: '1', number: '2' },
      { action: 'redraft', version: '1' },
    ]) {
      const refused = await decide(traffic, caseId, { csrf: trafficCsrf, ...fields });
      expect(refused.status).toBe(303);
      expect(refused.page).toContain('属于市交通运输局');
    }
    const staff = await signedIn('staff');
    const staffPost = await staff.post(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'add-source',
      version: '1',
      chunk_id: String(complaints),
    });
    expect([303, 403]).toContain(staffPost.status);
    expect((await current(caseId)).version).toBe(1);
    const refusals = (await readAuditLog(sample.database, { caseId })).filter(
      (entry) => entry.event === 'decision-refused',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(5);
  });
});
