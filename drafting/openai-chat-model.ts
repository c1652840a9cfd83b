import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { delimitPublicText } from '../prompts/delimit-public-text.ts';
import { loadPrompt, type PromptName } from '../prompts/load-prompt.ts';
import type { ChatModel, DraftAudience, DraftRequest, ModelDraft } from './chat-model.ts';
import { createOpenAIClient, type OpenAIConnection } from '../providers/create-openai-client.ts';

const draftSchema = z.object({
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

export type OpenAIChatModelOptions = OpenAIConnection & {
  model: string;
  /** Used when the endpoint fails, times out or returns output that does not fit the schema. */
  fallback: ChatModel;
  /** Receive the answer as a server-sent event stream (some gateways time out long non-streamed calls). @default false */
  stream?: boolean;
};

/**
 * Drafts with any OpenAI-compatible chat endpoint using structured output: sentences, each with the passage ids it
 * cites. The public's text goes in as delimited data, never as instructions. Whatever it returns is verified
 * afterwards like any draft; when the call fails, the fallback drafter answers and the draft says so.
 */
export class OpenAIChatModel implements ChatModel {
  readonly id: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIChatModelOptions) {
    this.id = `openai:${options.model}`;
    this.client = createOpenAIClient(options);
  }

  async draft(request: DraftRequest): Promise<ModelDraft> {
    const passages = request.passages
      .map((passage) => `[${passage.id}] ${passage.citation}\n${passage.text}`)
      .join('\n\n');
    const label = LABELS[request.audience];
    try {
      const body = {
        model: this.options.model,
        temperature: 0,
        messages: [
          { role: 'system' as const, content: loadPrompt(PROMPTS[request.audience], { passages }) },
          { role: 'user' as const, content: delimitPublicText(label, request.question) },
        ],
        response_format: zodResponseFormat(draftSchema, 'draft'),
      };
      const completion = this.options.stream
        ? await this.client.chat.completions.stream(body).finalChatCompletion()
        : await this.client.chat.completions.parse(body);
      const parsed = completion.choices[0]?.message.parsed;
      if (!parsed) throw new Error(completion.choices[0]?.message.refusal ?? 'the model returned no draft');
      return { sentences: parsed.sentences, escalationReasons: parsed.escalate_reasons };
    } catch (error) {
      const fallback = await this.options.fallback.draft(request);
      return {
        ...fallback,
        escalationReasons: [
          `model ${this.options.model} failed (${(error as Error).message}); this is the ${this.options.fallback.id} draft`,
          ...fallback.escalationReasons,
        ],
      };
    }
  }
}
