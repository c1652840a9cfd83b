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

/** Where a started surface receives its platform's requests, for the operator to enter there (Slack's Request URL). */
export type SurfaceEndpoint = { label: string; url: string; purpose: string };

/** What a surface reports once started. */
export type SurfaceStarted = { endpoint?: SurfaceEndpoint };

/**
 * A place where inquiries arrive and answers go: the web console, Slack, Discord. The core calls these methods;
 * a surface brings inquiries and decisions in by calling the review functions (submitInquiry, decideCase) with the
 * account its user is linked to, so a new surface never changes the core. The console starts every surface before
 * its worker and stops them all on shutdown, so a new surface is added in one place (`console/create-surfaces.ts`).
 */
export interface Surface {
  /** The name stored with the cases it receives (`cases.surface`), under which their answers come back to it. */
  readonly name: string;
  /** Connects to its platform or starts receiving its requests; a failure stops the console's start-up. */
  start?(): Promise<SurfaceStarted>;
  /** Disconnects; also called after a start that failed part-way, so it must not assume the start finished. */
  stop?(): Promise<void>;
  /** Tells the people who review cases that one needs them. */
  notifyReviewers(notice: ReviewNotice): Promise<void>;
  /** Posts an approved answer to its target and returns a receipt (a message id); idempotent on `idempotencyKey`. */
  deliver(delivery: Delivery): Promise<{ receipt: string }>;
  /** Tells reviewers a talking point waits for publication; surfaces whose reviewers work elsewhere leave it out. */
  notifyTalkingPoint?(notice: TalkingPointNotice): Promise<void>;
}
