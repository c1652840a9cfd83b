import { describe, expect, it } from 'vitest';
import {
  ANSWERABILITY_MODEL,
  answerabilityConfidence,
  answerabilitySignals,
  type AnswerabilitySignals,
} from '../../drafting/assess-answerability.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import {
  answerabilityCurve,
  chooseThreshold,
  crossValidate,
  fitAnswerability,
  foldOf,
  type LabelledSignals,
} from '../../evaluation/calibrate-answerability.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const signals = (overrides: Partial<AnswerabilitySignals>): AnswerabilitySignals => ({
  specificCoverage: 1,
  specificTogether: 1,
  rarestInFirst: 1,
  bestCoverage: 1,
  margin: 0.5,
  titleCoverage: 0.5,
  titleTerms: 0.5,
  documentFocus: 0.6,
  pairCoverage: 1,
  documentFocusTen: 0.5,
  firstTitleTerms: 0.5,
  unknownTerms: 0,
  ...overrides,
});

describe('deciding whether the sources answer a question', () => {
  const office = useSampleOfficeDatabase();
  const judge = async (question: string) => {
    const judged = await hybridSearch({
      database: office.database,
      embedder: office.embedder,
      query: question,
      limit: 10,
    });
    const read = await answerabilitySignals({
      database: office.database,
      question,
      results: judged.slice(0, 5),
      judged,
    });
    return { read, confidence: answerabilityConfidence(read, ANSWERABILITY_MODEL) };
  };

  it('is confident when the question’s most specific words stand together in the passages found', async () => {
    const { read, confidence } = await judge('申请公开政府信息，多长时间能得到答复？');
    expect(read.specificCoverage).toBe(1);
    expect(confidence).toBeGreaterThanOrEqual(ANSWERABILITY_MODEL.threshold);
  });

  it('is not confident when the index has never seen most of the question’s words', async () => {
    const { read, confidence } = await judge('表演者权的保护期是多久？');
    expect(read.unknownTerms).toBeGreaterThan(0.5);
    expect(confidence).toBe(0);
  });

  it('vetoes an answer when no passage holds a fifth of the question, whatever the other signals say', () => {
    expect(answerabilityConfidence(signals({ bestCoverage: 0.1 }), ANSWERABILITY_MODEL)).toBe(0);
    expect(answerabilityConfidence(signals({ unknownTerms: 0.6 }), ANSWERABILITY_MODEL)).toBe(0);
    expect(answerabilityConfidence(signals({}), ANSWERABILITY_MODEL)).toBeGreaterThan(ANSWERABILITY_MODEL.threshold);
  });

  it('takes the question bank’s agreement into account once a weight is given for it', () => {
    const model = { ...ANSWERABILITY_MODEL, weights: { ...ANSWERABILITY_MODEL.weights, questionBank: 3 } };
    const base = signals({ margin: 0, pairCoverage: 0 });
    expect(answerabilityConfidence({ ...base, questionBank: 1 }, model)).toBeGreaterThan(
      answerabilityConfidence({ ...base, questionBank: 0 }, model),
    );
  });
});

describe('calibrating the decision', () => {
  // Answerable questions have passages that cover them; unanswerable ones share common words only.
  const rows: LabelledSignals[] = Array.from({ length: 200 }, (_, index) => {
    const answerable = index % 4 !== 0;
    const noise = ((index * 37) % 10) / 40;
    return {
      id: `q-${index}`,
      answerable,
      signals: signals({
        bestCoverage: answerable ? 0.6 + noise : 0.3 + noise,
        pairCoverage: answerable ? 0.7 - noise : 0.2 + noise,
        titleTerms: answerable ? 0.6 : 0.2,
      }),
    };
  });

  it('learns that coverage means answerable and never that unknown words do', () => {
    const model = fitAnswerability(rows);
    expect(model.weights.bestCoverage).toBeGreaterThan(0);
    expect(model.weights.unknownTerms).toBeLessThanOrEqual(0);
    const curve = answerabilityCurve(rows, model);
    const chosen = chooseThreshold(curve);
    expect(chosen.answered).toBeGreaterThanOrEqual(0.85);
    expect(chosen.refused).toBeGreaterThan(0.9);
    // Raising the threshold never answers more.
    for (let index = 1; index < curve.length; index += 1)
      expect(curve[index]!.answered).toBeLessThanOrEqual(curve[index - 1]!.answered);
  });

  it('cross-validates on two folds split by id, stable whatever the order of the file', () => {
    expect(foldOf('stard-741')).toBe(foldOf('stard-741'));
    const folds = new Set(rows.map((row) => foldOf(row.id)));
    expect(folds).toEqual(new Set([0, 1]));
    const forward = crossValidate(rows);
    const backward = crossValidate([...rows].reverse());
    expect(backward.heldOut).toEqual(forward.heldOut);
    expect(forward.folds).toHaveLength(2);
  });
});
