import type { Database } from '../db/database.ts';
import {
  answerabilityConfidence,
  type AnswerabilityModel,
  type AnswerabilitySignals,
} from '../drafting/assess-answerability.ts';
import type { ChatModel } from '../drafting/chat-model.ts';
import { draftAnswer, type DraftProfile } from '../drafting/draft-answer.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { EvalItem } from './eval-set.ts';

/** The signals the decision is fitted on; the question bank's is added when a bank is consulted. */
export const SIGNAL_NAMES = [
  'specificCoverage',
  'specificTogether',
  'rarestInFirst',
  'bestCoverage',
  'margin',
  'titleCoverage',
  'titleTerms',
  'documentFocus',
  'documentFocusTen',
  'pairCoverage',
  'firstTitleTerms',
  'unknownTerms',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];
/** Thresholds a point is chosen among (the README's curve shows every fifth). */
export const THRESHOLDS: ReadonlyArray<number> = Array.from({ length: 99 }, (_, index) => (index + 1) / 100);
/** The product's target: answer at least this share of answerable questions, refusing as many others as possible. */
export const MINIMUM_ANSWERED = 0.85;

export type LabelledSignals = { id: string; answerable: boolean; signals: AnswerabilitySignals };
export type CurvePoint = { threshold: number; answered: number; refused: number };

/** Reads the answerability signals of every question, exactly as drafting computes them. */
export async function collectSignals(options: {
  database: Database;
  embedder: Embedder;
  model: ChatModel;
  items: ReadonlyArray<EvalItem>;
  profile?: DraftProfile;
}): Promise<LabelledSignals[]> {
  const rows: LabelledSignals[] = [];
  for (const item of options.items) {
    const draft = await draftAnswer({
      database: options.database,
      embedder: options.embedder,
      model: options.model,
      question: item.question,
      audience: 'citizen',
      profile: options.profile,
    });
    rows.push({ id: item.id, answerable: item.gold.length > 0, signals: draft.answerability!.signals });
  }
  return rows;
}

/**
 * Fits a logistic model of "answerable" on the signals by gradient descent, each class weighted by the inverse of
 * its size (dev has seven answerable questions to one unanswerable), with a little L2 so weights stay readable.
 */
export function fitAnswerability(
  rows: ReadonlyArray<LabelledSignals>,
  options: { threshold?: number; signals?: ReadonlyArray<SignalName> } = {},
): AnswerabilityModel {
  const names = options.signals ?? SIGNAL_NAMES;
  const weights = names.map(() => 0);
  let bias = 0;
  const positives = rows.filter((row) => row.answerable).length;
  const classWeight = (answerable: boolean) => rows.length / (2 * (answerable ? positives : rows.length - positives));
  const learningRate = 0.5;
  const l2 = 0.001;
  for (let step = 0; step < 3000; step += 1) {
    const gradient = names.map(() => 0);
    let biasGradient = 0;
    for (const row of rows) {
      const x = names.map((name) => row.signals[name]);
      const z = bias + x.reduce((sum, value, index) => sum + value * weights[index]!, 0);
      const error = (1 / (1 + Math.exp(-z)) - (row.answerable ? 1 : 0)) * classWeight(row.answerable);
      x.forEach((value, index) => (gradient[index]! += error * value));
      biasGradient += error;
    }
    // Words the index has never seen can only count against answering: a positive weight fits dev's accidents and
    // misleads on another corpus (the sample office). The coverage signals may contrast with each other (the
    // question's general words in titles, its specific ones not: a topic the corpus lacks), so their signs are free.
    weights.forEach((weight, index) => {
      const next = weight - learningRate * (gradient[index]! / rows.length + l2 * weight);
      weights[index] = names[index] === 'unknownTerms' ? Math.min(0, next) : next;
    });
    bias -= (learningRate * biasGradient) / rows.length;
  }
  return {
    weights: Object.fromEntries(
      SIGNAL_NAMES.map((name) => [name, round(weights[names.indexOf(name)] ?? 0)]),
    ) as AnswerabilityModel['weights'],
    bias: round(bias),
    threshold: options.threshold ?? 0.5,
  };
}

/** Share of answerable questions answered and unanswerable ones refused, at each threshold. */
export function answerabilityCurve(
  rows: ReadonlyArray<LabelledSignals>,
  model: AnswerabilityModel,
  thresholds: ReadonlyArray<number> = THRESHOLDS,
): CurvePoint[] {
  const scored = rows.map((row) => ({ row, confidence: answerabilityConfidence(row.signals, model) }));
  // A vetoed question is refused at every threshold.
  const answerable = scored.filter(({ row }) => row.answerable);
  const unanswerable = scored.filter(({ row }) => !row.answerable);
  return thresholds.map((threshold) => ({
    threshold,
    answered: round(answerable.filter((item) => item.confidence >= threshold).length / Math.max(1, answerable.length)),
    refused: round(
      unanswerable.filter((item) => item.confidence < threshold).length / Math.max(1, unanswerable.length),
    ),
  }));
}

/** The threshold that refuses the most unanswerable questions while still answering MINIMUM_ANSWERED of the rest. */
export function chooseThreshold(curve: ReadonlyArray<CurvePoint>): CurvePoint {
  const eligible = curve.filter((point) => point.answered >= MINIMUM_ANSWERED);
  if (eligible.length === 0) return curve[0]!;
  return eligible.reduce((best, point) => (point.refused > best.refused ? point : best));
}

/**
 * Two-fold cross-validation split by id: fit and choose the threshold on one half, measure on the other, both ways.
 * The held-out figures are what the maintainers' held-out set should show, not the in-sample ones.
 */
export function crossValidate(
  rows: ReadonlyArray<LabelledSignals>,
  options: { signals?: ReadonlyArray<SignalName> } = {},
): {
  folds: Array<{ trainedOn: string; chosen: CurvePoint; heldOut: CurvePoint }>;
  heldOut: { answered: number; refused: number };
} {
  const halves = [rows.filter((row) => foldOf(row.id) === 0), rows.filter((row) => foldOf(row.id) === 1)];
  const folds = [0, 1].map((train) => {
    const model = fitAnswerability(halves[train]!, options);
    const chosen = chooseThreshold(answerabilityCurve(halves[train]!, model));
    const [heldOut] = answerabilityCurve(halves[1 - train]!, model, [chosen.threshold]);
    return { trainedOn: `fold ${train}`, chosen, heldOut: heldOut! };
  });
  return {
    folds,
    heldOut: {
      answered: round((folds[0]!.heldOut.answered + folds[1]!.heldOut.answered) / 2),
      refused: round((folds[0]!.heldOut.refused + folds[1]!.heldOut.refused) / 2),
    },
  };
}

/** The fold of an id: a stable hash of its characters, so the split does not depend on the file's order. */
export function foldOf(id: string): number {
  let hash = 0;
  for (const character of id) hash = (hash * 31 + character.codePointAt(0)!) % 1_000_003;
  return hash % 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Everything the README reports about the decision: the fitted model, its curve on the set, and two-fold figures. */
export async function runAnswerabilityCalibration(options: Parameters<typeof collectSignals>[0]): Promise<{
  model: AnswerabilityModel;
  curve: CurvePoint[];
  chosen: CurvePoint;
  crossValidation: ReturnType<typeof crossValidate>;
}> {
  const rows = await collectSignals(options);
  const fitted = fitAnswerability(rows);
  const curve = answerabilityCurve(rows, fitted);
  const chosen = chooseThreshold(curve);
  return {
    model: { ...fitted, threshold: chosen.threshold },
    curve: curve.filter((point) => Math.round(point.threshold * 100) % 5 === 0),
    chosen,
    crossValidation: crossValidate(rows),
  };
}
