import type { ChatModel, DraftAudience } from '../drafting/chat-model.ts';
import { frameAnswer, framedText, type FramedSentence } from '../drafting/frame-draft.ts';
import { GENERAL_GUIDANCE, routeQuestion } from '../drafting/guidance-table.ts';
import type { DraftProfile } from '../drafting/draft-answer.ts';
import { verifyDraft } from '../drafting/verify-draft.ts';
import type { Queryable } from '../db/database.ts';
import { findCitablePassages } from '../retrieval/citable-passages.ts';
import type { VersionSource } from './render-public-answer.ts';

/**
 * A new text for a draft from the passages in its source list, the ones the reviewer chose, by the configured
 * drafter (extractive, or the model), in the reply's frame as a first draft has it (opening, 办理指引, closing, 落款):
 * its sentences cite the sources by their [n], and only the fact sentences verification keeps are used. The question
 * is the case's redacted text, so a model never sees personal data. Undefined when no sentence with a source survives.
 */
export async function redraftFromSources(options: {
  database: Queryable;
  model: ChatModel;
  question: string;
  audience: DraftAudience;
  sources: ReadonlyArray<VersionSource>;
  /** The office's frame; without one the text is the cited sentences alone. */
  profile?: DraftProfile;
  /** The day the reply is dated, YYYY-MM-DD. */
  today: string;
}): Promise<{ text: string; drafter: string; frame: FramedSentence[] } | undefined> {
  const current = await findCitablePassages(
    options.database,
    options.sources.map((source) => source.chunkId),
  );
  // The source's own quote is what the version cites and the verifier checks; the passage lends its attribution.
  const passages = options.sources.map((source) => ({
    id: source.chunkId,
    text: source.quote,
    citation: source.citation,
    attribution: current.get(source.chunkId)?.attribution,
  }));
  const draft = await options.model.draft({ question: options.question, audience: options.audience, passages });
  // The frame supplies the opening and closing; a model's own formulas are left out so they are not said twice.
  const facts = draft.sentences.filter((sentence) => !(sentence.formula || sentence.citations.length === 0));
  const { kept } = verifyDraft({ sentences: facts, passages });
  if (kept.length === 0) return undefined;
  const numberOf = new Map(options.sources.map((source) => [source.chunkId, source.number]));
  const route = options.profile ? routeQuestion(options.question, options.profile.guidance) : undefined;
  const sentences = frameAnswer(
    kept.map((sentence) => ({ text: sentence.text, sources: sentence.citations.map((id) => numberOf.get(id)!) })),
    {
      audience: options.audience,
      officeName: options.profile?.officeName ?? '',
      date: options.today,
      guidance: options.profile ? (route?.guidance ?? GENERAL_GUIDANCE) : undefined,
    },
  );
  return {
    text: framedText(sentences),
    drafter: options.model.id,
    frame: sentences.filter((sentence) => sentence.role !== 'fact'),
  };
}
