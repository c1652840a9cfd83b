import type { HuiyingConfig } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import { loadSensitiveWords } from '../drafting/flag-sensitive-words.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ChatModel } from '../drafting/chat-model.ts';
import { createChatModel } from '../drafting/create-chat-model.ts';
import { draftProfileFromConfig } from '../drafting/draft-profile.ts';
import type { Triager } from '../triage/triager.ts';
import { createTriager } from '../triage/create-triager.ts';
import { systemClock, type Clock } from '../config/clock.ts';
import type { ReviewContext } from './review-context.ts';
import { WorkingDayCalendar } from './working-day-calendar.ts';

/** Builds the review workflow's context from the configuration; tests pass their own clock, model and triager. */
export function createReviewContext(options: {
  config: HuiyingConfig;
  database: Database;
  embedder: Embedder;
  clock?: Clock;
  model?: ChatModel;
  triager?: Triager;
}): ReviewContext {
  const { config } = options;
  return {
    database: options.database,
    embedder: options.embedder,
    model: options.model ?? createChatModel(config.chatModel),
    triager: options.triager ?? createTriager(config.chatModel),
    clock: options.clock ?? systemClock,
    policy: config.review.deadlines,
    calendar: WorkingDayCalendar.fromFile(config.review.holidaysFile),
    defaultUnit: config.review.defaultUnit,
    separateApprover: config.review.separateApprover,
    escalationContact: config.review.escalationContact,
    sensitiveWords: loadSensitiveWords(config.sensitiveWordsFile),
    draftProfile: draftProfileFromConfig(config.drafting),
    officeContacts: config.officeContacts,
  };
}
