import { describe, expect, it } from 'vitest';
import { triageOpinion } from '../../triage/triage-opinion.ts';

describe('triaging a public-opinion item', () => {
  it('grades an accident by the statutory casualty thresholds and names both responsible units', () => {
    const triage = triageOpinion('网传青禾市临江区一化工厂发生爆炸，已致3人死亡');
    expect(triage).toMatchObject({
      topic: '安全生产',
      severity: '较大',
      responsibleUnits: ['青禾市临江区人民政府（属地管理）', '应急管理部门（谁主管谁负责）'],
    });
    expect(triage.response).toMatchObject({ authoritativeReleaseDue: false, releaseWithinHours: 48 });
  });

  it('requires authoritative information within 5 hours and a press conference within 24 for 重大 and above', () => {
    expect(triageOpinion('青禾市某矿发生透水事故，十二人遇难').severity).toBe('重大');
    const worst = triageOpinion('某地化工园区爆炸造成31人死亡');
    expect(worst).toMatchObject({
      severity: '特别重大',
      response: { authoritativeReleaseDue: true, releaseWithinHours: 5, pressConferenceWithinHours: 24 },
    });
    expect(triageOpinion('交通事故致60人受伤').severity).toBe('重大');
  });

  it('raises crowds and wide spread without casualties to 较大, and leaves ordinary complaints 一般', () => {
    const estate = triageOpinion('青禾市临江区某小区业主因物业问题聚集维权');
    expect(estate).toMatchObject({
      severity: '较大',
      responsibleUnits: ['青禾市临江区人民政府（属地管理）', '住房城乡建设部门（谁主管谁负责）'],
    });
    const ordinary = triageOpinion('市民反映政务服务中心窗口排队时间长');
    expect(ordinary).toMatchObject({ topic: '政务服务', severity: '一般' });
    expect(ordinary.responsibleUnits[0]).toBe('事发地人民政府（属地管理，地点待核实）');
  });
});
