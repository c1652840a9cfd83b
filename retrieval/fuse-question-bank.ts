import type { QuestionBankSettings } from '../config/defaults.ts';
import { RRF_K } from './fuse-rankings.ts';
import type { RankedChunk } from './lexical-search.ts';
import type { BankEvidence } from './question-bank-evidence.ts';

/**
 * Adds what past answers to similar questions cited to a fused ranking. Every candidate in a document that at least
 * `documentAgreement` of them cited gains `documentWeight` times their summed weight (similarity, decayed by age): a
 * neighbouring question often rests on another article of the same law, and a document several of them cite is
 * likely the one that treats the topic (one alone is an anecdote: a similar question about another city's policy).
 * A passage they cited scores at least the score of keyword rank `entryRank` plus `passageWeight` times their summed
 * weight: one the searches missed reaches the top 100, and only strong agreement lifts it into the top 10. A cited
 * passage the searches ranked higher keeps its place (adding its citations on top put it first when it was not the
 * answer: cross-validation lowered R@1 from 0.32 to 0.27). `scale` is the sum of the fused lists' weights, so the
 * settings keep their meaning whatever the lists weigh.
 */
export function fuseQuestionBank(options: {
  fused: ReadonlyArray<RankedChunk>;
  evidence: BankEvidence;
  /** The document of each fused candidate. */
  documentOf: ReadonlyMap<number, number>;
  settings: Pick<QuestionBankSettings, 'passageWeight' | 'documentWeight' | 'documentAgreement' | 'entryRank'>;
  scale: number;
}): RankedChunk[] {
  const { evidence, settings, scale } = options;
  const scores = new Map(options.fused.map((result) => [result.chunkId, result.score]));
  for (const [chunkId, score] of scores) {
    const cited = evidence.documents.get(options.documentOf.get(chunkId) ?? -1);
    if (cited && cited.citedBy >= settings.documentAgreement)
      scores.set(chunkId, score + scale * settings.documentWeight * cited.support);
  }
  const entry = scale / (RRF_K + settings.entryRank);
  for (const [chunkId, support] of evidence.chunks)
    scores.set(chunkId, Math.max(scores.get(chunkId) ?? 0, entry + scale * settings.passageWeight * support));
  return [...scores]
    .map(([chunkId, score]) => ({ chunkId, score }))
    .sort((left, right) => right.score - left.score || left.chunkId - right.chunkId);
}
