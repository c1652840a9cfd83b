import { z } from 'zod';
import { delimitPublicText } from '../prompts/delimit-public-text.ts';
import { loadPrompt, type PromptName } from '../prompts/load-prompt.ts';
import type { DraftAudience, DraftRequest, ModelDraft } from './chat-model.ts';

/** What every model drafter asks for: sentences, each with the ids of the passages it cites. */
export const draftSchema = z.object({
  sentences: z.array(z.object({ text: z.string(), citations: z.array(z.number().int()) })),
  confidence: z.number(),
  escalate_reasons: z.array(z.string()),
});

const PROMPTS: Record<DraftAudience, PromptName> = {
  citizen: 'citizen-reply',
  spokesperson: 'spokesperson-statement',
  staff: 'staff-answer',
};
const LABELS: Record<DraftAudience, string> = { citizen: '群众来信', spokesperson: '舆情内容', staff: '问题' };

/** The system prompt (the audience's prompt file with the numbered passages) and the public's text as delimited data. */
export function draftMessages(request: DraftRequest): { system: string; user: string } {
  const passages = request.passages
    .map((passage) => `[${passage.id}] ${passage.citation}\n${passage.text}`)
    .join('\n\n');
  return {
    system: loadPrompt(PROMPTS[request.audience], { passages }),
    user: delimitPublicText(LABELS[request.audience], request.question),
  };
}

/** A model's parsed draft in huiying's terms. */
export function toModelDraft(parsed: z.infer<typeof draftSchema>): ModelDraft {
  return { sentences: parsed.sentences, escalationReasons: parsed.escalate_reasons };
}
