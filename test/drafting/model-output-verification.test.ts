import { describe, expect, it } from 'vitest';
import type { DraftRequest } from '../../drafting/chat-model.ts';
import { draftAnswer } from '../../drafting/draft-answer.ts';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

// The sample office's 第九条: 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。行政机关不能当场答复的，应当自
// 收到申请之日起20个工作日内予以答复；…延长的期限最长不得超过20个工作日。 Its parking rules: 首小时收费2元，之后每小时3元.
const ON_THE_SPOT = '行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复';
const WITHIN_DAYS = '行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复';

describe('what a model writes is verified after width and numerals are normalised', () => {
  const office = useSampleOfficeDatabase();
  // A model that cites the passage holding `anchor` for each of its sentences, whatever they say.
  const draftWith = async (question: string, anchor: string, sentences: string[]) => {
    const model = new ScriptedChatModel((request: DraftRequest) => {
      const passage = request.passages.find((candidate) => candidate.text.includes(anchor));
      if (!passage) throw new Error(`no passage offered holds ${anchor}`);
      return { sentences: sentences.map((text) => ({ text, citations: [passage.id] })), escalationReasons: [] };
    });
    return draftAnswer({ database: office.database, embedder: office.embedder, model, question, audience: 'staff' });
  };
  const INFORMATION = '申请公开政府信息，多长时间能得到答复？';

  it('removes a deadline written in Chinese numerals that the source does not give (二百个工作日), and says what it gives', async () => {
    const draft = await draftWith(INFORMATION, ON_THE_SPOT, [
      `${ON_THE_SPOT}。`,
      `${WITHIN_DAYS.replace('20', '二百')}。`,
    ]);
    expect(draft.text).not.toContain('二百');
    expect(draft.verification.removed).toHaveLength(1);
    expect(draft.verification.removed[0]!.reason).toBe('states what its sources do not: 二百个工作日');
    expect(draft.verification.removed[0]!.problems).toEqual([
      { kind: 'number', text: '二百个工作日', expected: '20个工作日' },
    ]);
  });

  it('keeps the same facts written in Chinese numerals (二十个工作日 = 20个工作日, 两元 = 2元)', async () => {
    const draft = await draftWith(INFORMATION, ON_THE_SPOT, [
      `${WITHIN_DAYS.replace('20', '二十')}。`,
      '延长的期限最长不超过二十个工作日。',
    ]);
    expect(draft.verification.removed).toEqual([]);
    expect(draft.text).toContain('二十个工作日内予以答复。[1]');
    const parking = await draftWith('公共停车场收费标准是多少？', '首小时收费2元', [
      '公共停车场实行政府指导价，首小时收费两元，之后每小时三元。',
    ]);
    expect(parking.verification.removed).toEqual([]);
  });

  it('removes an amount in Chinese numerals that the source does not give (五千元)', async () => {
    const draft = await draftWith('公共停车场收费标准是多少？', '首小时收费2元', [
      '公共停车场实行政府指导价，首小时收费五千元，之后每小时3元。',
    ]);
    expect(draft.refused).toBe(true);
    expect(draft.verification.removed[0]!.problems).toContainEqual({
      kind: 'number',
      text: '五千元',
      expected: '2元、3元',
    });
  });

  it('cuts a full-width phone number, a link without a scheme and a full-width URL that no source gives', async () => {
    const draft = await draftWith(INFORMATION, ON_THE_SPOT, [
      `${ON_THE_SPOT}，咨询请拨打１３８００１３８０００。`,
      `${WITHIN_DAYS}，详见 evil.example/claim。`,
      `需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，申请入口ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／ｃｌａｉｍ。`,
    ]);
    // The phone number is shown redacted, as personal data is everywhere in a draft.
    expect(draft.verification.strippedContacts).toEqual([
      '[手机号已隐去]',
      'evil.example/claim',
      'ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／ｃｌａｉｍ',
    ]);
    expect(draft.text).not.toMatch(/１３８|evil|ｅｖｉｌ/);
    expect(draft.verification.checks?.map((check) => check.problems.map((problem) => problem.kind))).toEqual([
      ['contact'],
      ['contact'],
      ['contact'],
    ]);
  });

  it('removes a sentence that says the opposite of its source (不予答复 where it says 予以答复)', async () => {
    const draft = await draftWith(INFORMATION, ON_THE_SPOT, [
      `${ON_THE_SPOT}。`,
      `${WITHIN_DAYS.replace('予以', '不予')}。`,
    ]);
    expect(draft.text).not.toContain('不予答复');
    const [removed] = draft.verification.removed;
    expect(removed!.problems).toEqual([
      {
        kind: 'negation',
        text: '应当自收到申请之日起20个工作日内不予答复',
        expected: '应当自收到申请之日起20个工作日内予以答复',
      },
    ]);
    expect(removed!.reason).toMatch(/^says the opposite of its source/);
    expect(draft.escalate).toBe(true);
  });

  it('catches a negation added or dropped, whichever clause it is in, and keeps a restatement of either clause', async () => {
    const dropped = await draftWith(INFORMATION, ON_THE_SPOT, [
      `${ON_THE_SPOT}。`,
      '需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长可以超过20个工作日。',
    ]);
    expect(dropped.verification.removed[0]?.problems?.[0]).toMatchObject({
      kind: 'negation',
      expected: '延长的期限最长不得超过20个工作日',
    });
    const restated = await draftWith(INFORMATION, ON_THE_SPOT, [
      '行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。',
    ]);
    expect(restated.verification.removed).toEqual([]);
  });
});
