import type { Account } from './accounts/accounts.ts';
import type { Queryable } from '../db/database.ts';
import { findBankEntry } from '../ingest/question-bank-queries.ts';
import { resolveBankCitations } from '../retrieval/question-bank-evidence.ts';
import { applyEdit } from './apply-edit.ts';
import type { DecisionOutcome } from './decision.ts';
import { splitCitedSentences } from './parse-cited-text.ts';
import { findVersion, type CaseSummary } from './read-cases.ts';
import type { VersionSource } from './render-public-answer.ts';
import { decisionRefused } from './review-error.ts';

type EditOptions = Parameters<typeof applyEdit>[0];

/**
 * "以此为基础修改": a new version from an approved past answer (the question bank) with its sources: each citation is
 * mapped to the current passages that still carry it, added to the case's source list, and the answer's [n] numbers
 * rewritten to theirs. An answer whose citation no longer stands (amended, repealed, withdrawn) is refused. The new
 * version is an edit like any other: verified against its sources, voiding an approval, approved by someone else.
 */
export async function adoptPastAnswer(
  options: Omit<EditOptions, 'text' | 'addSources' | 'removeSources' | 'basedOnAnswer' | 'drafter'> & {
    entryId: number;
  },
): Promise<DecisionOutcome> {
  const { transaction, found } = options;
  const entry = await findBankEntry(transaction, options.entryId);
  if (!entry) throw decisionRefused('该答复已不在问答库中（可能已撤回或正在更正），请刷新案件页面。');
  const resolved = await resolveBankCitations(transaction, entry.citations);
  const fallen = entry.citations.filter((_citation, index) => !resolved[index]!.stands);
  if (fallen.length > 0)
    throw decisionRefused(
      `该答复引用的依据已修订、废止或撤回（${fallen.map((citation) => citation.articleLabel ?? citation.sourceUri).join('、')}），不能直接采用：请按现行依据修改。`,
    );
  const base = await findVersion(transaction, found.id, found.currentVersion);
  const listed = new Set(base?.sources.map((source) => source.chunkId));
  const cited = resolved.map((citation) => citation.chunkIds);
  const addSources = [...new Set(cited.flat())].filter((chunkId) => !listed.has(chunkId));
  const { body, numbers } = splitPastAnswer(entry.answer, entry.citations.length);
  return applyEdit({
    ...options,
    text: (sources) => resigned(renumber({ body, numbers, cited, sources }), base?.text ?? ''),
    addSources,
    basedOnAnswer: { entryId: entry.id, caseId: entry.caseId },
    drafter: `${options.actor.username} based on ${entry.caseId !== null ? `case #${entry.caseId}` : (entry.source ?? `answer ${entry.id}`)}`,
  });
}

/** The answer without its 依据 list, and the [n] each citation had in it (its k-th line), when it had numbers. */
function splitPastAnswer(answer: string, citations: number): { body: string; numbers: number[] | undefined } {
  const at = answer.search(/\n+依据：\n/);
  const body = (at >= 0 ? answer.slice(0, at) : answer).trim();
  const lines = at >= 0 ? [...answer.slice(at).matchAll(/^\[(\d+)\]/gm)].map((match) => Number(match[1])) : [];
  return { body, numbers: lines.length === citations && lines.length > 0 ? lines : undefined };
}

// Each past [n] becomes the numbers of the passages its citation maps to now. An answer imported without numbers
// (an office's FAQ) rests on all its citations: every sentence cites them all, and verification says which do not.
function renumber(options: {
  body: string;
  numbers: number[] | undefined;
  cited: number[][];
  sources: ReadonlyArray<VersionSource>;
}): string {
  const numberOf = new Map(options.sources.map((source) => [source.chunkId, source.number]));
  const marks = (chunkIds: number[]) => chunkIds.map((chunkId) => `[${numberOf.get(chunkId)}]`).join('');
  if (options.numbers) {
    const byPast = new Map(options.numbers.map((number, index) => [number, options.cited[index]!]));
    return options.body.replace(/\[(\d+)\]/g, (_mark, past: string) => marks(byPast.get(Number(past)) ?? []));
  }
  const all = marks([...new Set(options.cited.flat())]);
  const plain = options.body.replace(/\[\d+\]/g, '');
  return all === ''
    ? plain
    : splitCitedSentences(plain)
        .map((sentence) => `${sentence}${all}`)
        .join('');
}

// A past reply's 落款 (office and date, set apart at the end) is that reply's: this case's own 落款 takes its place,
// so the adopted text is neither dated the day of another reply nor its date line checked as a fact.
function resigned(text: string, current: string): string {
  const signatureOf = (reply: string) => {
    const at = reply.lastIndexOf('\n\n');
    return at >= 0 && !/\[\d+\]/.test(reply.slice(at)) ? at : -1;
  };
  const here = signatureOf(current);
  const there = signatureOf(text);
  if (here < 0) return text;
  return `${there >= 0 ? text.slice(0, there) : text}${current.slice(here)}`;
}
