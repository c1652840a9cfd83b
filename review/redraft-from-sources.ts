import type { ChatModel, DraftAudience } from '../drafting/chat-model.ts';
import { verifyDraft } from '../drafting/verify-draft.ts';
import type { VersionSource } from './render-public-answer.ts';

/**
 * A new text for a draft from the passages in its source list, the ones the reviewer chose, by the configured
 * drafter (extractive, or the model): its sentences cite the sources by their [n], and only the sentences
 * verification keeps are used. The question is the case's redacted text, so a model never sees personal data.
 * Undefined when no sentence with a source survives.
 */
export async function redraftFromSources(options: {
  model: ChatModel;
  question: string;
  audience: DraftAudience;
  sources: ReadonlyArray<VersionSource>;
}): Promise<{ text: string; drafter: string } | undefined> {
  const passages = options.sources.map((source) => ({
    id: source.chunkId,
    text: source.quote,
    citation: source.citation,
  }));
  const draft = await options.model.draft({ question: options.question, audience: options.audience, passages });
  const { kept } = verifyDraft({ sentences: draft.sentences, passages });
  if (kept.every((sentence) => sentence.citations.length === 0)) return undefined;
  const numberOf = new Map(options.sources.map((source) => [source.chunkId, source.number]));
  const text = kept
    .map((sentence) => `${sentence.text}${sentence.citations.map((id) => `[${numberOf.get(id)}]`).join('')}`)
    .join('');
  return { text, drafter: options.model.id };
}
