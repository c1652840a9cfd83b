import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ChatModel } from '../drafting/chat-model.ts';
import type { DraftProfile } from '../drafting/draft-answer.ts';
import type { Triager } from '../triage/triager.ts';
import type { Clock } from '../config/clock.ts';
import type { DeadlinePolicy } from '../config/defaults.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

/** What the review workflow needs, built once at start-up (review/create-review-context.ts) and passed down. */
export type ReviewContext = {
  database: Database;
  embedder: Embedder;
  model: ChatModel;
  /** Proposes triage of an opinion item when its first draft is made (the rules already did at receipt). */
  triager: Triager;
  clock: Clock;
  policy: DeadlinePolicy;
  calendar: WorkingDayCalendar;
  /** The unit a case goes to when triage names none. */
  defaultUnit: string;
  /** Whether the approver must be someone other than the person who wrote or last edited the text. @default true */
  separateApprover: boolean;
  /** Who is told when a case passes its deadline. */
  escalationContact: string;
  sensitiveWords: ReadonlyArray<string>;
  /** The office's 落款, 办理指引 and region for drafts. @default unsigned, no guidance, any region */
  draftProfile?: DraftProfile;
  /** The office's own contacts; any other contact in a draft or an edit is flagged for the reviewer. */
  officeContacts: ReadonlyArray<string>;
};
