import { reasonInChinese } from './reason-in-chinese.ts';
import type { Account } from './accounts/accounts.ts';
import type { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { describeFlag, flagContacts, type DraftFlag } from '../drafting/flag-contacts.ts';
import { flagSensitiveWords } from '../drafting/flag-sensitive-words.ts';
import type { FramedSentence } from '../drafting/frame-draft.ts';
import { verifyDraft } from '../drafting/verify-draft.ts';
import { redactPersonalData } from '../privacy/redact-personal-data.ts';
import type { DecisionOutcome } from './decision.ts';
import { changesSomething, describeEvidenceChanges, planSources, type EvidenceChanges } from './evidence-changes.ts';
import { parseCitedText, splitCitedSentences } from './parse-cited-text.ts';
import { findVersion, type CaseSummary } from './read-cases.ts';
import { renderPublicAnswer, type VersionSource } from './render-public-answer.ts';
import { decisionRefused } from './review-error.ts';
import { sentenceDiff } from './sentence-diff.ts';
import { textHash } from './text-hash.ts';

type Audit = (
  event: Parameters<typeof appendAuditEntry>[1]['event'],
  details: Record<string, unknown>,
) => Promise<unknown>;

const MAXIMUM_LENGTH = 20_000;

/**
 * Saves a reviewer's edit as a new version: personal data redacted, every sentence verified again against the
 * sources its [n] numbers cite (unsupported ones are flagged for the approver, not silently dropped: the reviewer
 * wrote them), and the sentence diff from the version it was made from kept. The edit may change the sources too
 * (passages added from the case page's search, sources removed): the new version records what changed, and its
 * [n] may cite any source in its list. An approval of an earlier version is voided, so nothing edited after
 * approval, in its text or its sources, can be posted.
 */
export async function applyEdit(options: {
  transaction: Queryable;
  found: CaseSummary;
  actor: Account;
  basedOnVersion: number;
  /**
   * The edited text; left out, the current text is kept (a change of sources alone). A function writes it from the
   * new source list (a past answer brought in with its sources, whose numbers are given here).
   */
  text?: string | ((sources: ReadonlyArray<VersionSource>) => string);
  /** Passages (chunk ids) to add to the sources, and sources (by [n]) to remove. @default none */
  addSources?: ReadonlyArray<number>;
  removeSources?: ReadonlyArray<number>;
  /** Who wrote the text, as the version names it. @default `edited by <username>` */
  drafter?: string;
  /** The reply's frame (opening, 办理指引, closing, 落款) a redraft put around its facts: its lines keep their role. */
  frame?: ReadonlyArray<{ text: string; role: FramedSentence['role'] }>;
  /** The approved past answer (question bank) the text was taken from. */
  basedOnAnswer?: EvidenceChanges['basedOnAnswer'];
  now: Date;
  audit: Audit;
  /** Words and the office's own contacts by which the edited text is flagged for the approver, as a draft is. */
  sensitiveWords: ReadonlyArray<string>;
  officeContacts: ReadonlyArray<string>;
}): Promise<DecisionOutcome> {
  const { transaction, found, actor, now } = options;
  if (options.basedOnVersion !== found.currentVersion) {
    throw decisionRefused(
      `您修改的是第 ${options.basedOnVersion} 版，但当前已是第 ${found.currentVersion} 版：请刷新案件页面，在当前文本上修改。`,
    );
  }
  const base = await findVersion(transaction, found.id, found.currentVersion);
  if (!base) throw decisionRefused(`案件 ${found.id} 尚无可修改的草稿。`);
  const evidence =
    (options.addSources?.length ?? 0) + (options.removeSources?.length ?? 0) > 0
      ? await planSources(transaction, {
          caseId: found.id,
          sources: base.sources,
          add: options.addSources ?? [],
          remove: options.removeSources ?? [],
        })
      : { sources: base.sources, changes: undefined, warnings: [] };
  const { sources } = evidence;
  const changes: EvidenceChanges | undefined = options.basedOnAnswer
    ? { added: [], removed: [], ...evidence.changes, basedOnAnswer: options.basedOnAnswer }
    : evidence.changes;
  const written = typeof options.text === 'function' ? options.text(sources) : (options.text ?? base.text);
  const trimmed = written.replace(/\r\n/g, '\n').trim();
  if (trimmed === '') throw decisionRefused('修改后的文本为空。');
  if (trimmed.length > MAXIMUM_LENGTH)
    throw decisionRefused(`修改后的文本有 ${trimmed.length} 字，最多 ${MAXIMUM_LENGTH} 字。`);
  if (trimmed === base.text && !changesSomething(changes))
    throw decisionRefused(
      options.basedOnAnswer
        ? '该答复与当前版本相同（文本和依据都一样），无需再以此为基础修改。'
        : '文本没有改动，无需保存。',
    );
  refuseRemovedStillCited(trimmed, changes);

  const published = sources.map((source) => source.quote).join('\n');
  const redaction = redactPersonalData(trimmed, { publishedText: published });
  const text = redaction.text;
  // The office's configured lines (办理指引, 落款 with its date) state no sourced fact; kept as they were, they keep
  // their role and are not checked. Changed, they are the editor's words and checked like any sentence.
  const configured = new Map([
    ...base.sentences.filter((sentence) => sentence.role).map((sentence) => [sentence.text, sentence.role!] as const),
    ...(options.frame ?? []).map((sentence) => [sentence.text, sentence.role] as const),
  ]);
  // A configured line of several sentences is split by the parser: each piece that stands in it keeps its role.
  const roleOf = (piece: string) => [...configured].find(([line]) => line.includes(piece))?.[1];
  const parsed = parseCitedText(text, sources).map((sentence) => {
    const role = sentence.formula ? roleOf(sentence.text) : undefined;
    return role ? { ...sentence, role } : sentence;
  });
  const verification = namingUnlistedNumbers(
    verifyDraft({
      sentences: parsed.filter((sentence) => !('role' in sentence) || !isConfigured(sentence.role)),
      // A source is checked with its citation, so an attribution (根据《…》第三十八条规定) is checked too.
      passages: sources.map((source) => ({ id: source.chunkId, text: source.quote, citation: source.citation })),
    }),
    parsed,
    sources,
  );
  const texts = parsed.map((sentence) => sentence.text);
  const flags: DraftFlag[] = [
    ...flagSensitiveWords(texts, options.sensitiveWords),
    ...flagContacts(texts, options.officeContacts),
  ];
  const version = found.currentVersion + 1;
  const hash = textHash(renderPublicAnswer({ text, sources }));
  const diff = sentenceDiff(base.text, text);
  await transaction.query(
    `INSERT INTO draft_versions (case_id, version, text, text_hash, sentences, sources, verification, flags, refused, escalation_reasons, drafter, author_account_id, diff, created_at, evidence_changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, '[]', $9, $10, $11, $12, $13)`,
    [
      found.id,
      version,
      text,
      hash,
      JSON.stringify(
        parsed.map((sentence) => ({
          text: sentence.text,
          sources: sentence.sources,
          ...('role' in sentence ? { role: sentence.role } : {}),
        })),
      ),
      JSON.stringify(sources),
      JSON.stringify(verification),
      JSON.stringify(flags),
      options.drafter ?? `edited by ${actor.username}`,
      actor.id,
      JSON.stringify(diff),
      now.toISOString(),
      changes !== undefined && (changes.basedOnAnswer !== undefined || changesSomething(changes))
        ? JSON.stringify(changes)
        : null,
    ],
  );
  let posting = false;
  if (found.status === 'approved') {
    await transaction.query('UPDATE approvals SET voided_at = $2 WHERE case_id = $1 AND voided_at IS NULL', [
      found.id,
      now.toISOString(),
    ]);
    // An answer whose posting has started is on its way and cannot be called back: it stays to be recorded as
    // posted, and this version follows it as a correction once approved. (The worker marks it under the case's row
    // lock, which this transaction holds, so the two cannot cross.)
    await transaction.query(
      `UPDATE outbox SET status = 'voided', last_error = 'the text was edited after approval' WHERE case_id = $1 AND status = 'pending' AND posting_started_at IS NULL`,
      [found.id],
    );
    posting =
      (
        await transaction.query(
          `SELECT 1 FROM outbox WHERE case_id = $1 AND status = 'pending' AND posting_started_at IS NOT NULL`,
          [found.id],
        )
      ).length > 0;
    await options.audit('approval-voided', {
      version: found.currentVersion,
      reason: trimmed === base.text ? `第 ${version} 版更改了依据` : `修改为第 ${version} 版`,
      ...(posting && { alreadyPosting: true }),
    });
  }
  await transaction.query(`UPDATE cases SET status = 'awaiting-review', current_version = $2 WHERE id = $1`, [
    found.id,
    version,
  ]);
  const warnings = [
    ...evidence.warnings,
    ...(posting
      ? [`第 ${found.currentVersion} 版已在发布中，无法撤回；第 ${version} 版经另一位审核人批准后将作为更正发布`]
      : []),
    ...verification.removed.map((sentence) => `“${sentence.text}”：${reasonInChinese(sentence.reason)}`),
    ...verification.strippedContacts.map((contact) => `联系方式 ${contact} 不见于引用来源`),
    ...flags
      .filter((flag) => flag.kind === 'contact' && !verification.strippedContacts.includes(flag.word))
      .map(describeFlag),
    ...(redaction.findings.length > 0 ? [`已隐去 ${redaction.findings.length} 处个人信息`] : []),
  ];
  await options.audit('draft-edited', {
    version,
    basedOn: found.currentVersion,
    textHash: hash,
    added: diff.filter((part) => part.kind === 'added').length,
    removed: diff.filter((part) => part.kind === 'removed').length,
    unsupportedSentences: verification.removed.length,
    redacted: redaction.findings.map((finding) => finding.kind),
    ...(changes?.basedOnAnswer && { basedOnAnswer: changes.basedOnAnswer }),
  });
  // Who changed the evidence, and how, is its own entry: the approver and the audit trail see it at a glance.
  if (changesSomething(changes))
    await options.audit('evidence-changed', {
      version,
      basedOn: found.currentVersion,
      summary: describeEvidenceChanges(changes),
      added: changes.added,
      removed: changes.removed,
      ...(changes.basedOnAnswer && { basedOnAnswer: changes.basedOnAnswer }),
    });
  return { caseId: found.id, action: 'edit', version, warnings };
}

// A source removed in this same save may not still be cited: the sentences citing it must change first.
function refuseRemovedStillCited(text: string, changes: EvidenceChanges | undefined): void {
  for (const source of changes?.removed ?? []) {
    const citing = splitCitedSentences(text).filter((sentence) => sentence.includes(`[${source.number}]`));
    if (citing.length > 0)
      throw decisionRefused(
        `依据 [${source.number}] 仍被以下句子引用：${citing.map((sentence) => `“${sentence}”`).join('')}。请先修改或删去这些句子中的 [${source.number}]，再移除该依据。`,
      );
  }
}

// A sentence citing a number the version's list does not have says so, rather than naming an internal id.
function namingUnlistedNumbers(
  verification: ReturnType<typeof verifyDraft>,
  parsed: ReturnType<typeof parseCitedText>,
  sources: ReadonlyArray<VersionSource>,
): ReturnType<typeof verifyDraft> {
  const listed = new Set(sources.map((source) => source.number));
  const unlisted = new Map(
    parsed.map((sentence) => [sentence.text, sentence.sources.filter((number) => !listed.has(number))]),
  );
  return {
    ...verification,
    removed: verification.removed.map((sentence) => {
      const numbers = unlisted.get(sentence.text) ?? [];
      return numbers.length === 0
        ? sentence
        : {
            ...sentence,
            reason: `cites ${numbers.map((number) => `[${number}]`).join('')}, which this version's source list does not have (removed or never added)`,
          };
    }),
  };
}

function isConfigured(role: unknown): boolean {
  return role === 'guidance' || role === 'signature';
}
