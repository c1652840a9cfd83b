import { DEFAULTS } from '../config/defaults.ts';
import type { Queryable } from '../db/database.ts';
import { findCitablePassages } from '../retrieval/citable-passages.ts';
import type { VersionSource } from './render-public-answer.ts';
import { decisionRefused } from './review-error.ts';

/** A source as the record of an evidence change names it. */
export type SourceReference = { number: number; chunkId: number; citation: string };

/** What a reviewer changed in a version's sources against the version it was made from. */
export type EvidenceChanges = {
  added: SourceReference[];
  removed: SourceReference[];
  /** Set when the version started from an approved past answer (the question bank), whose sources were added. */
  basedOnAnswer?: { entryId: number; caseId: number | null };
};

const reference = (source: VersionSource): SourceReference => ({
  number: source.number,
  chunkId: source.chunkId,
  citation: source.citation,
});

/**
 * The source list after a reviewer's change: `remove` names sources by their [n], `add` names passages by chunk id.
 * An added passage gets the next number never used in this case, so a [n] means one passage through the case's
 * whole history and an old text's number can never come to point at another passage. Refuses a number the version
 * does not have, a passage that no longer exists or is already listed, and a list longer than
 * DEFAULTS.maxSourcesPerVersion; warns of a passage from a document that is not in force.
 */
export async function planSources(
  transaction: Queryable,
  options: {
    caseId: number;
    sources: ReadonlyArray<VersionSource>;
    add: ReadonlyArray<number>;
    remove: ReadonlyArray<number>;
  },
): Promise<{ sources: VersionSource[]; changes: EvidenceChanges; warnings: string[] }> {
  const removed = [...new Set(options.remove)].map((number) => {
    const source = options.sources.find((candidate) => candidate.number === number);
    if (!source) throw decisionRefused(`当前版本没有第 [${number}] 条依据，请刷新案件页面后重试。`);
    return source;
  });
  const kept = options.sources.filter((source) => !removed.includes(source));
  const add = [...new Set(options.add)];
  const passages = await findCitablePassages(transaction, add);
  const [used] = await transaction.query<{ highest: number }>(
    `SELECT COALESCE(max((source->>'number')::int), 0)::int AS highest
     FROM draft_versions v, jsonb_array_elements(v.sources) source WHERE v.case_id = $1`,
    [options.caseId],
  );
  let next = options.sources.reduce((highest, source) => Math.max(highest, source.number), used?.highest ?? 0) + 1;
  const warnings: string[] = [];
  const added: VersionSource[] = add.map((chunkId) => {
    const listed = kept.find((source) => source.chunkId === chunkId);
    if (listed) throw decisionRefused(`该段落已是依据 [${listed.number}]，无需再次加入。`);
    const passage = passages.get(chunkId);
    if (!passage) throw decisionRefused(`段落 ${chunkId} 已不存在（文件可能已重新导入），请重新检索后加入。`);
    const number = next++;
    if (!passage.inForce) warnings.push(`依据 [${number}] 出自非现行有效的文件：${passage.citation}`);
    return {
      number,
      chunkId,
      citation: passage.citation,
      quote: passage.content,
      sourceUri: passage.sourceUri,
      start: passage.start,
      end: passage.end,
    };
  });
  const sources = [...kept, ...added];
  if (sources.length > DEFAULTS.maxSourcesPerVersion)
    throw decisionRefused(
      `一个版本最多列 ${DEFAULTS.maxSourcesPerVersion} 条依据（此次将有 ${sources.length} 条）：请先移除不用的依据。`,
    );
  return { sources, changes: { added: added.map(reference), removed: removed.map(reference) }, warnings };
}

/** Whether a change changed anything. */
export function changesSomething(changes: EvidenceChanges | undefined): changes is EvidenceChanges {
  return changes !== undefined && (changes.added.length > 0 || changes.removed.length > 0);
}

/** How a change reads in the audit trail and on the case page: 加入 [3] 《…》第九条；移除 [2] 《…》. */
export function describeEvidenceChanges(changes: EvidenceChanges): string {
  const list = (sources: SourceReference[]) =>
    sources.map((source) => `[${source.number}] ${source.citation}`).join('、');
  return [
    changes.added.length > 0 ? `加入 ${list(changes.added)}` : '',
    changes.removed.length > 0 ? `移除 ${list(changes.removed)}` : '',
  ]
    .filter(Boolean)
    .join('；');
}
