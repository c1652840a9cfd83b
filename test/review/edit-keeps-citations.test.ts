import { beforeAll, describe, expect, it } from 'vitest';
import { decideCase } from '../../review/decide-case.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

// The sample office drafts one quoted provision a line (drafting/compose-provisions.ts): the FAQ's answer [1], then
// 第九条 of the 实施办法 [2], then the FAQ's answer on complaints [3], between the frame's opening and closing.
const FIRST =
  '《青禾市依申请公开常见问题解答》载明：“能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复。需要延长的，会告知申请人，延长期限最长不超过20个工作日。”[1]';
const SECOND =
  '根据《青禾市政府信息公开实施办法》（青政发〔2024〕3号）第九条规定：“行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。”[2]';

async function editDraft(edit: (text: string) => string) {
  const received = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text: '申请公开政府信息，多长时间能得到答复？',
    surface: 'web',
    authorId: 'browser-1',
    receivedBy: 'surface:web',
  });
  await draftCase(desk.context, received.caseId);
  const found = (await findCase(sample.database, received.caseId))!;
  const drafted = (await findVersion(sample.database, received.caseId, found.currentVersion))!;
  expect(drafted.text).toContain(`${FIRST}\n${SECOND}`);
  const text = edit(drafted.text);
  expect(text).not.toBe(drafted.text);
  const outcome = await decideCase(desk.context, {
    caseId: received.caseId,
    actor: desk.accounts.drafter,
    decision: { action: 'edit', basedOnVersion: drafted.version, text },
  });
  const edited = (await findVersion(sample.database, received.caseId, outcome.version!))!;
  return { outcome, edited };
}

describe('editing a draft keeps each [n] with the sentence it follows', () => {
  it('changing only the greeting flags nothing: the fact sentences keep their citations', async () => {
    const { outcome, edited } = await editDraft((text) => text.replace('您好！', '您好，感谢您的咨询！'));
    expect(edited.verification.removed).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(
      edited.sentences.filter((sentence) => sentence.sources.length > 0).map((sentence) => sentence.sources),
    ).toEqual([[1], [2], [3]]);
    expect(edited.diff?.filter((part) => part.kind !== 'same').map((part) => part.text)).toEqual([
      '您好，感谢您的咨询！',
      '您好！',
    ]);
  });

  it('a wording change in the middle of a cited sentence keeps it supported', async () => {
    const { edited } = await editDraft((text) => text.replace('自收到申请之日起', '自收到您的申请之日起'));
    expect(edited.verification.removed).toEqual([]);
    expect(edited.sentences.find((sentence) => sentence.text.includes('您的申请'))?.sources).toEqual([1]);
  });

  it('reordered sentences take their citations with them', async () => {
    const { edited } = await editDraft((text) => text.replace(`${FIRST}\n${SECOND}`, `${SECOND}\n${FIRST}`));
    expect(edited.verification.removed).toEqual([]);
    expect(edited.sentences.find((sentence) => sentence.text.includes('行政机关收到'))?.sources).toEqual([2]);
    expect(edited.sentences.find((sentence) => sentence.text.includes('能够当场答复的当场答复'))?.sources).toEqual([1]);
  });

  it('an added sentence with its own [n] is checked against that source alone, and its neighbours stay supported', async () => {
    const added = '行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。[2]';
    const unknown = '申请人可以在10日内补正材料。[4]';
    const { edited } = await editDraft((text) => text.replace(SECOND, `${SECOND}\n${added}${unknown}`));
    expect(edited.sentences.find((sentence) => sentence.text === added.replace('[2]', ''))?.sources).toEqual([2]);
    expect(edited.verification.removed.map((sentence) => sentence.text)).toEqual(['申请人可以在10日内补正材料。']);
  });

  it('an edit is verified like a draft: a flipped negation, a deadline in Chinese numerals and a link without a scheme are flagged', async () => {
    const { outcome, edited } = await editDraft((text) =>
      text
        .replace('应当当场予以答复。', '应当当场不予答复。')
        .replace('延长期限最长不超过20个工作日。', '延长期限最长不超过二百个工作日。')
        .replace('提起行政诉讼。', '提起行政诉讼，详见evil.example/claim。'),
    );
    expect(edited.verification.removed.map((sentence) => sentence.reason)).toEqual([
      'states what its sources do not: 二百个工作日',
      expect.stringMatching(/^says the opposite of its source: “应当当场不予答复”/),
    ]);
    expect(outcome.warnings).toContain('联系方式 evil.example/claim 不见于引用来源');
  });
});
