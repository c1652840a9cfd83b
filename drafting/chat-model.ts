import type { DraftSentence } from './draft-types.ts';

/** Who the draft is for: a reply to a citizen, a spokesperson's statement, or a terse internal answer for staff. */
export type DraftAudience = 'citizen' | 'spokesperson' | 'staff';

/** A retrieved passage offered to the drafter, with the id its citations must use. */
export type DraftPassage = { id: number; text: string; citation: string };

export type DraftRequest = { question: string; audience: DraftAudience; passages: ReadonlyArray<DraftPassage> };

/** A drafter's answer before verification: sentences with the passage ids they rest on. */
export type ModelDraft = { sentences: DraftSentence[]; escalationReasons: string[] };

/** Writes drafts from retrieved passages: offline by extraction, or with a model. Triage is `triage/triager.ts`. */
export interface ChatModel {
  readonly id: string;
  draft(request: DraftRequest): Promise<ModelDraft>;
}
