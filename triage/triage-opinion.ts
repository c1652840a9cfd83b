import { parseChineseNumber } from '../text/chinese-numerals.ts';
import { CASUALTY_GRADES, ESCALATING_WORDS, SEVERITIES, topicOf, type Severity } from './triage-rules.ts';

/** What a triager proposes; the response deadline follows from the severity by `responseFor`. */
export type TriageProposal = {
  topic: string;
  severity: Severity;
  /** Why this severity: the casualty figure or words that decided it. */
  severityBasis: string;
  /** The responsible units: the local government where it happened (属地管理) and the competent department (谁主管谁负责). */
  responsibleUnits: string[];
};

export type Triage = TriageProposal & {
  /** Whether and how fast authoritative information is due (国办发〔2016〕61号). */
  response: {
    authoritativeReleaseDue: boolean;
    releaseWithinHours: number;
    pressConferenceWithinHours?: number;
    basis: string;
  };
};

// A chain of administrative names (青禾市临江区); the words before it (网传, 位于) are trimmed off.
// 区 after 小/社/园/景/城/辖/片/校/厂/矿/营/商/新 is a housing estate, park or district word, not an administrative area.
const PLACE = /(?:[\p{Script=Han}]{2,8}?(?:省|市|(?<![小社园景城辖片校厂矿营商新])区|县|镇|乡|街道)){1,4}/gu;
const BEFORE_PLACE = /^(?:网传|网友称|网友反映|有网友|据报道|据悉|近日|今天|昨天|昨晚|今晨|有人|发生在|位于|在|于)+/;
const NUMBER = '[零〇一二两三四五六七八九十百千\\d]+';

/**
 * Proposes a classification of a public-opinion item (舆情) by rules: topic by its words, severity by the statutory
 * casualty grades and escalating signs, units by 属地管理 and 谁主管谁负责, and the response deadline of
 * 国办发〔2016〕61号. A reviewer confirms or changes every field; a model-based triage is still to come (#3).
 */
export function triageOpinion(text: string): Triage {
  const topic = topicOf(text);
  const { severity, basis } = gradeSeverity(text);
  const places = [
    ...new Set(
      [...text.matchAll(PLACE)].map((match) => match[0].replace(BEFORE_PLACE, '')).filter((place) => place.length >= 3),
    ),
  ];
  const responsibleUnits = [
    ...(places.length > 0 ? [`${places[0]}人民政府（属地管理）`] : ['事发地人民政府（属地管理，地点待核实）']),
    `${topic?.department ?? '主管部门待确定'}（谁主管谁负责）`,
  ];
  return {
    topic: topic?.topic ?? '其他',
    severity,
    severityBasis: basis,
    responsibleUnits,
    response: responseFor(severity),
  };
}

/** The response deadline a severity calls for under 国办发〔2016〕61号; it is policy, so code decides it, not a model. */
export function responseFor(severity: Severity): Triage['response'] {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf('重大')
    ? {
        authoritativeReleaseDue: true,
        releaseWithinHours: 5,
        pressConferenceWithinHours: 24,
        basis: '国办发〔2016〕61号：重大突发事件最迟5小时内发布权威信息，24小时内举行新闻发布会',
      }
    : {
        authoritativeReleaseDue: false,
        releaseWithinHours: 48,
        basis: '国办发〔2016〕61号：涉及群众切身利益的政务舆情，一般在48小时内予以回应',
      };
}

function gradeSeverity(text: string): { severity: Severity; basis: string } {
  const deaths = largestCount(text, [
    `(${NUMBER})\\s*(?:人|名)?\\s*(?:死亡|遇难|罹难)`,
    `(?:死亡|遇难|罹难)\\s*(${NUMBER})\\s*(?:人|名)`,
  ]);
  const injuries = largestCount(text, [
    `(${NUMBER})\\s*(?:人|名)?\\s*(?:重伤|受伤)`,
    `(?:重伤|受伤)\\s*(${NUMBER})\\s*(?:人|名)`,
  ]);
  for (const grade of CASUALTY_GRADES) {
    if (deaths >= grade.deaths)
      return { severity: grade.severity, basis: `死亡${deaths}人（生产安全事故报告和调查处理条例 第三条）` };
    if (injuries >= grade.injuries)
      return { severity: grade.severity, basis: `重伤${injuries}人（生产安全事故报告和调查处理条例 第三条）` };
  }
  if (deaths > 0 || injuries > 0)
    return { severity: '较大', basis: `有人员伤亡（死亡${deaths}人、受伤${injuries}人）` };
  const sign = ESCALATING_WORDS.exec(text);
  if (sign) return { severity: '较大', basis: `涉及“${sign[0]}”` };
  return { severity: '一般', basis: '未见伤亡、聚集或广泛传播的迹象' };
}

function largestCount(text: string, patterns: string[]): number {
  let largest = 0;
  for (const pattern of patterns) {
    for (const match of text.matchAll(new RegExp(pattern, 'gu')))
      largest = Math.max(largest, parseChineseNumber(match[1]!) ?? 0);
  }
  return largest;
}
