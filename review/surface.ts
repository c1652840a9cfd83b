import type { ReplyTarget } from './submit-inquiry.ts';

/** The decisions a reviewer can take on a case; a chat surface turns them into buttons and modals. */
export type ReviewAction = 'approve' | 'edit' | 'reject' | 'escalate' | 'reassign' | 'reclassify';

/** What reviewers are told: a new draft to review, a deadline coming, or a deadline passed. */
export type ReviewNotice = {
  kind: 'draft-ready' | 'deadline-near' | 'deadline-passed';
  caseId: number;
  summary: string;
  dueAt: Date;
  /** For draft-ready: the draft as it would be posted, and what an approval must name (version and text hash). */
  draft?: { version: number; publicText: string; textHash: string; refused: boolean; flags: string[] };
  actions?: ReviewAction[];
  /** For deadline-passed: who the case is escalated to. */
  escalateTo?: string;
};

/** A talking point (口径) proposed in the console and waiting for an approver, who publishes it there. */
export type TalkingPointNotice = {
  proposalId: number;
  title: string;
  text: string;
  expiresOn: string;
  proposedBy: string;
};

/** An approved answer on its way to the public. Delivering the same idempotency key twice must post it once. */
export type Delivery = { caseId: number; target: ReplyTarget; text: string; idempotencyKey: string };

/**
 * A place where inquiries arrive and answers go: the web console, Slack, Discord. The core calls these two methods;
 * a surface brings inquiries and decisions in by calling the review functions (submitInquiry, decideCase) with the
 * account its user is linked to, so a new surface never changes the core.
 */
export interface Surface {
  readonly name: string;
  /** Tells the people who review cases that one needs them. */
  notifyReviewers(notice: ReviewNotice): Promise<void>;
  /** Posts an approved answer to its target and returns a receipt (a message id); idempotent on `idempotencyKey`. */
  deliver(delivery: Delivery): Promise<{ receipt: string }>;
  /** Tells reviewers a talking point waits for publication; surfaces whose reviewers work elsewhere leave it out. */
  notifyTalkingPoint?(notice: TalkingPointNotice): Promise<void>;
}
