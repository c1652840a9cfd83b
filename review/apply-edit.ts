import type { Account } from './accounts/accounts.ts';
import type { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Queryable } from '../db/database.ts';
import { describeFlag, flagContacts, type DraftFlag } from '../drafting/flag-contacts.ts';
import { flagSensitiveWords } from '../drafting/flag-sensitive-words.ts';
import { verifyDraft } from '../drafting/verify-draft.ts';
import { redactPersonalData } from '../privacy/redact-personal-data.ts';
import type { DecisionOutcome } from './decision.ts';
import { parseCitedText } from './parse-cited-text.ts';
import { findVersion, type CaseSummary } from './read-cases.ts';
import { renderPublicAnswer } from './render-public-answer.ts';
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
 * wrote them), and the sentence diff from the version it was made from kept. An approval of an earlier version is
 * voided, so nothing edited after approval can be posted.
 */
export async function applyEdit(options: {
  transaction: Queryable;
  found: CaseSummary;
  actor: Account;
  basedOnVersion: number;
  text: string;
  now: Date;
  audit: Audit;
  /** Words and the office's own contacts by which the edited text is flagged for the approver, as a draft is. */
  sensitiveWords: ReadonlyArray<string>;
  officeContacts: ReadonlyArray<string>;
}): Promise<DecisionOutcome> {
  const { transaction, found, actor, now } = options;
  if (options.basedOnVersion !== found.currentVersion) {
    throw decisionRefused(
      `You edited version ${options.basedOnVersion}, but version ${found.currentVersion} is now current. Reload the case and edit the current text.`,
    );
  }
  const base = await findVersion(transaction, found.id, found.currentVersion);
  if (!base) throw decisionRefused(`Case ${found.id} has no draft to edit yet.`);
  const trimmed = options.text.replace(/\r\n/g, '\n').trim();
  if (trimmed === '') throw decisionRefused('The edited text is empty.');
  if (trimmed.length > MAXIMUM_LENGTH)
    throw decisionRefused(`The edited text has ${trimmed.length} characters; at most ${MAXIMUM_LENGTH} are allowed.`);
  if (trimmed === base.text) throw decisionRefused('The text is unchanged; nothing to save.');

  const published = base.sources.map((source) => source.quote).join('\n');
  const redaction = redactPersonalData(trimmed, { publishedText: published });
  const text = redaction.text;
  const parsed = parseCitedText(text, base.sources);
  const verification = verifyDraft({
    sentences: parsed,
    passages: base.sources.map((source) => ({ id: source.chunkId, text: source.quote, citation: source.citation })),
  });
  const texts = parsed.map((sentence) => sentence.text);
  const flags: DraftFlag[] = [
    ...flagSensitiveWords(texts, options.sensitiveWords),
    ...flagContacts(texts, options.officeContacts),
  ];
  const version = found.currentVersion + 1;
  const hash = textHash(renderPublicAnswer({ text, sources: base.sources }));
  const diff = sentenceDiff(base.text, text);
  await transaction.query(
    `INSERT INTO draft_versions (case_id, version, text, text_hash, sentences, sources, verification, flags, refused, escalation_reasons, drafter, author_account_id, diff, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, '[]', $9, $10, $11, $12)`,
    [
      found.id,
      version,
      text,
      hash,
      JSON.stringify(parsed.map((sentence) => ({ text: sentence.text, sources: sentence.sources }))),
      JSON.stringify(base.sources),
      JSON.stringify(verification),
      JSON.stringify(flags),
      `edited by ${actor.username}`,
      actor.id,
      JSON.stringify(diff),
      now.toISOString(),
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
      reason: `edited into version ${version}`,
      ...(posting && { alreadyPosting: true }),
    });
  }
  await transaction.query(`UPDATE cases SET status = 'awaiting-review', current_version = $2 WHERE id = $1`, [
    found.id,
    version,
  ]);
  const warnings = [
    ...(posting
      ? [`第 ${found.currentVersion} 版已在发布中，无法撤回；第 ${version} 版经另一位审核人批准后将作为更正发布`]
      : []),
    ...verification.removed.map((sentence) => `“${sentence.text}” ${sentence.reason}`),
    ...verification.strippedContacts.map((contact) => `${contact} appears in no cited source`),
    ...flags
      .filter((flag) => flag.kind === 'contact' && !verification.strippedContacts.includes(flag.word))
      .map(describeFlag),
    ...(redaction.findings.length > 0 ? [`${redaction.findings.length} item(s) of personal data were redacted`] : []),
  ];
  await options.audit('draft-edited', {
    version,
    basedOn: found.currentVersion,
    textHash: hash,
    added: diff.filter((part) => part.kind === 'added').length,
    removed: diff.filter((part) => part.kind === 'removed').length,
    unsupportedSentences: verification.removed.length,
    redacted: redaction.findings.map((finding) => finding.kind),
  });
  return { caseId: found.id, action: 'edit', version, warnings };
}
