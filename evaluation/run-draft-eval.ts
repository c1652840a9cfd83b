import { appendFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Database } from '../db/database.ts';
import { draftAnswer, type Draft, type DraftProfile } from '../drafting/draft-answer.ts';
import { verifyDraft } from '../drafting/verify-draft.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ChatModel } from '../drafting/chat-model.ts';
import type { EvalItem } from './eval-set.ts';
import { percentiles } from './percentiles.ts';
import { matchesArticle } from './retrieval-metrics.ts';
import { emptyDraftForm, measureDraftForm, type DraftFormReport } from './measure-draft-form.ts';

export type DraftEvalReport = {
  drafter: string;
  items: number;
  /** Share of citations in final drafts that name a passage the drafter was offered. */
  citationValidity: number;
  /** Share of final fact sentences that an independent re-verification finds supported by their citations. */
  sentenceSupport: number;
  answerable: { items: number; answered: number; citesGold: number };
  unanswerable: { items: number; refused: number };
  latency: { p50Ms: number; p95Ms: number };
  /** Fragments, repeats, other regions' and superseded citations (measure-draft-form.ts). */
  form: DraftFormReport;
};

/** Drafts an answer to every question and measures citation validity, support, answering, refusing and latency. */
export async function runDraftEval(options: {
  database: Database;
  embedder: Embedder;
  model: ChatModel;
  items: ReadonlyArray<EvalItem>;
  corpusDirectory: string;
  /** The office's frame, guidance and jurisdiction, as `huiying ask` would use them. @default none */
  profile?: DraftProfile;
  /** Writes every draft with its question and sources to this JSONL file, for a person to read. */
  samplesFile?: string;
}): Promise<DraftEvalReport> {
  if (options.samplesFile) writeFileSync(options.samplesFile, '');
  const form = emptyDraftForm();
  let citations = 0;
  let validCitations = 0;
  let factSentences = 0;
  let supportedSentences = 0;
  const latencies: number[] = [];
  const answerable = { items: 0, answered: 0, citesGold: 0 };
  const unanswerable = { items: 0, refused: 0 };
  for (const item of options.items) {
    const started = performance.now();
    const draft = await draftAnswer({
      database: options.database,
      embedder: options.embedder,
      model: options.model,
      question: item.question,
      audience: 'citizen',
      profile: options.profile,
    });
    latencies.push(performance.now() - started);
    measureDraftForm(form, draft, { jurisdiction: options.profile?.jurisdiction });
    if (options.samplesFile) appendFileSync(options.samplesFile, `${JSON.stringify(sample(item, draft))}\n`);
    const check = recheck(draft);
    citations += check.citations;
    validCitations += check.validCitations;
    factSentences += check.factSentences;
    supportedSentences += check.supported;
    if (item.gold.length === 0) {
      unanswerable.items += 1;
      if (draft.refused) unanswerable.refused += 1;
      continue;
    }
    answerable.items += 1;
    if (!draft.refused) answerable.answered += 1;
    const cited = draft.sources.map((source) => ({
      doc: relative(options.corpusDirectory, source.sourceUri),
      articleLabel: source.articleLabel,
      content: source.quote,
    }));
    if (item.gold.some((gold) => cited.some((passage) => matchesArticle(passage, gold)))) answerable.citesGold += 1;
  }
  const latency = percentiles(latencies);
  const share = (part: number, whole: number) => (whole === 0 ? 1 : round(part / whole));
  return {
    drafter: options.model.id,
    items: options.items.length,
    citationValidity: share(validCitations, citations),
    sentenceSupport: share(supportedSentences, factSentences),
    answerable: {
      items: answerable.items,
      answered: share(answerable.answered, answerable.items),
      citesGold: share(answerable.citesGold, answerable.items),
    },
    unanswerable: { items: unanswerable.items, refused: share(unanswerable.refused, unanswerable.items) },
    latency: { p50Ms: latency.p50Ms, p95Ms: latency.p95Ms },
    form,
  };
}

// What a reader needs to judge one draft: the question, whether it should be answerable, the text and its sources.
function sample(item: EvalItem, draft: Draft) {
  return {
    id: item.id,
    question: item.question,
    answerable: item.gold.length > 0,
    refused: draft.refused,
    confidence: draft.answerability?.confidence,
    text: draft.text,
    sources: draft.sources.map((source) => ({ number: source.number, citation: source.citation, quote: source.quote })),
    escalationReasons: draft.escalationReasons,
  };
}

// Checks the final draft again from scratch, independently of the verification that produced it.
function recheck(draft: Draft): {
  citations: number;
  validCitations: number;
  factSentences: number;
  supported: number;
} {
  if (draft.refused) return { citations: 0, validCitations: 0, factSentences: 0, supported: 0 };
  const offered = new Set(draft.offered.map((passage) => passage.chunkId));
  const sentences = draft.verification.kept.filter((sentence) => !sentence.formula);
  const ids = sentences.flatMap((sentence) => sentence.citations);
  const again = verifyDraft({
    sentences,
    passages: draft.offered.map((passage) => ({ id: passage.chunkId, text: passage.text })),
  });
  return {
    citations: ids.length,
    validCitations: ids.filter((id) => offered.has(id)).length,
    factSentences: sentences.length,
    supported: again.kept.length,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
