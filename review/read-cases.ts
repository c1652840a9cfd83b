import type { DraftFlag } from '../drafting/flag-contacts.ts';
import type { Queryable } from '../db/database.ts';
import type { Severity } from '../triage/triage-rules.ts';
import type { CaseKind, CaseStatus } from './case-kinds.ts';
import type { VersionSource } from './render-public-answer.ts';
import type { SimilarAnswer } from '../retrieval/closest-approved-answer.ts';
import type { EvidenceChanges } from './evidence-changes.ts';

export type CaseSummary = {
  id: number;
  publicReference: string;
  kind: CaseKind;
  surface: string;
  replyTarget: Record<string, unknown>;
  authorPseudonym: string;
  displayText: string;
  topic: string | null;
  severity: Severity;
  unit: string;
  /** The account that last reassigned the case into its unit (it may not approve the case), or null. */
  unitAssignedBy: number | null;
  status: CaseStatus;
  currentVersion: number;
  receivedAt: Date;
  dueAt: Date;
  remindAt: Date;
  followUpDueAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  closedAt: Date | null;
  triage: Record<string, unknown>;
  /** Why drafting failed last time, while the case waits for its first draft. */
  draftError: string | null;
};

export type DraftVersion = {
  version: number;
  text: string;
  textHash: string;
  /** `role` marks the office's configured lines (办理指引, 落款), which are not checked against sources. */
  sentences: Array<{ text: string; sources: number[]; role?: string }>;
  sources: VersionSource[];
  verification: { removed: Array<{ text: string; reason: string }>; strippedContacts: string[] };
  flags: DraftFlag[];
  refused: boolean;
  escalationReasons: string[];
  drafter: string;
  authorAccountId: number | null;
  diff: Array<{ kind: 'same' | 'added' | 'removed'; text: string }> | null;
  createdAt: Date;
  /** The closest approved past answer the drafter found (question bank), shown to the reviewer. */
  similarAnswer: SimilarAnswer | null;
  /** The sources a reviewer added or removed in this version, against the version it was made from. */
  evidenceChanges: EvidenceChanges | null;
};

type CaseRow = Record<string, unknown>;

const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

function toSummary(row: CaseRow): CaseSummary {
  return {
    id: Number(row.id),
    publicReference: row.public_reference as string,
    kind: row.kind as CaseKind,
    surface: row.surface as string,
    replyTarget: row.reply_target as Record<string, unknown>,
    authorPseudonym: row.author_pseudonym as string,
    displayText: row.display_text as string,
    topic: row.topic as string | null,
    severity: row.severity as Severity,
    unit: row.unit as string,
    unitAssignedBy:
      row.unit_assigned_by === null || row.unit_assigned_by === undefined ? null : Number(row.unit_assigned_by),
    status: row.status as CaseStatus,
    currentVersion: Number(row.current_version),
    receivedAt: date(row.received_at)!,
    dueAt: date(row.due_at)!,
    remindAt: date(row.remind_at)!,
    followUpDueAt: date(row.follow_up_due_at),
    remindedAt: date(row.reminded_at),
    escalatedAt: date(row.escalated_at),
    closedAt: date(row.closed_at),
    triage: row.triage as Record<string, unknown>,
    draftError: (row.draft_error as string | null) ?? null,
  };
}

function toVersion(row: CaseRow): DraftVersion {
  return {
    version: Number(row.version),
    text: row.text as string,
    textHash: row.text_hash as string,
    sentences: row.sentences as DraftVersion['sentences'],
    sources: row.sources as VersionSource[],
    verification: row.verification as DraftVersion['verification'],
    flags: row.flags as DraftVersion['flags'],
    refused: row.refused as boolean,
    escalationReasons: row.escalation_reasons as string[],
    drafter: row.drafter as string,
    authorAccountId: row.author_account_id === null ? null : Number(row.author_account_id),
    diff: row.diff as DraftVersion['diff'],
    createdAt: date(row.created_at)!,
    similarAnswer: (row.similar_answer as SimilarAnswer | null) ?? null,
    evidenceChanges: (row.evidence_changes as EvidenceChanges | null) ?? null,
  };
}

export async function findCase(
  database: Queryable,
  caseId: number,
  options: { forUpdate?: boolean } = {},
): Promise<CaseSummary | undefined> {
  const [row] = await database.query<CaseRow>(
    `SELECT * FROM cases WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [caseId],
  );
  return row ? toSummary(row) : undefined;
}

export async function findCaseByReference(
  database: Queryable,
  publicReference: string,
): Promise<CaseSummary | undefined> {
  const [row] = await database.query<CaseRow>('SELECT * FROM cases WHERE public_reference = $1', [publicReference]);
  return row ? toSummary(row) : undefined;
}

/**
 * The case an API key submitted under this reference. Another key's case, or one from any other surface, is not
 * found: a key learns nothing about cases it did not send.
 */
export async function findCaseForApiKey(
  database: Queryable,
  options: { publicReference: string; apiKeyId: number },
): Promise<CaseSummary | undefined> {
  const [row] = await database.query<CaseRow>('SELECT * FROM cases WHERE public_reference = $1 AND api_key_id = $2', [
    options.publicReference,
    options.apiKeyId,
  ]);
  return row ? toSummary(row) : undefined;
}

/** Every version of a case's draft, oldest first. */
export async function listVersions(database: Queryable, caseId: number): Promise<DraftVersion[]> {
  return (
    await database.query<CaseRow>('SELECT * FROM draft_versions WHERE case_id = $1 ORDER BY version', [caseId])
  ).map(toVersion);
}

export async function findVersion(
  database: Queryable,
  caseId: number,
  version: number,
): Promise<DraftVersion | undefined> {
  const [row] = await database.query<CaseRow>('SELECT * FROM draft_versions WHERE case_id = $1 AND version = $2', [
    caseId,
    version,
  ]);
  return row ? toVersion(row) : undefined;
}

/** Open cases (not yet posted), soonest deadline first; `overdueAt` keeps only those past their deadline then. */
export async function listOpenCases(
  database: Queryable,
  options: { overdueAt?: Date; limit?: number } = {},
): Promise<CaseSummary[]> {
  const rows = await database.query<CaseRow>(
    `SELECT * FROM cases WHERE closed_at IS NULL AND ($1::timestamptz IS NULL OR due_at <= $1::timestamptz) ORDER BY due_at LIMIT $2`,
    [options.overdueAt?.toISOString() ?? null, options.limit ?? 200],
  );
  return rows.map(toSummary);
}

/** Cases posted most recently, for the console's "done" list. */
/** Closed cases, last closed first; `postedOnly` leaves out staff questions answered internally (never published). */
export async function listClosedCases(
  database: Queryable,
  options: { limit?: number; postedOnly?: boolean } = {},
): Promise<CaseSummary[]> {
  return (
    await database.query<CaseRow>(
      `SELECT * FROM cases WHERE closed_at IS NOT NULL AND (NOT $2::boolean OR status = 'posted') ORDER BY closed_at DESC LIMIT $1`,
      [options.limit ?? 50, options.postedOnly === true],
    )
  ).map(toSummary);
}

/**
 * The answer published for a case on the web surface, if any: the newest (by sequence, as posting times may tie),
 * since a correction is published after the answer it corrects; `corrects` is when that earlier answer was published.
 */
export async function findPublicAnswer(
  database: Queryable,
  caseId: number,
): Promise<{ text: string; publishedAt: Date; corrects?: Date; withdrawn?: { at: Date; reason: string } } | undefined> {
  const [row, earlier] = await database.query<{
    text: string;
    published_at: string;
    withdrawn_at: string | null;
    withdrawn_reason: string | null;
  }>(
    'SELECT text, published_at, withdrawn_at, withdrawn_reason FROM public_answers WHERE case_id = $1 ORDER BY sequence DESC LIMIT 2',
    [caseId],
  );
  if (!row) return undefined;
  return {
    text: row.text,
    publishedAt: new Date(row.published_at),
    ...(earlier && { corrects: new Date(earlier.published_at) }),
    ...(row.withdrawn_at ? { withdrawn: { at: new Date(row.withdrawn_at), reason: row.withdrawn_reason ?? '' } } : {}),
  };
}
