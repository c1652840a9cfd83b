import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { createOpenAIClient, type OpenAIConnection } from '../providers/create-openai-client.ts';
import type { ChatModel, DraftRequest, ModelDraft } from './chat-model.ts';
import { draftOrFallBack } from './draft-or-fall-back.ts';
import { draftMessages, draftSchema, toModelDraft } from './draft-prompt.ts';

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

  draft(request: DraftRequest): Promise<ModelDraft> {
    return draftOrFallBack({
      model: this.options.model,
      fallback: this.options.fallback,
      request,
      draft: async () => {
        const { system, user } = draftMessages(request);
        const body = {
          model: this.options.model,
          temperature: 0,
          messages: [
            { role: 'system' as const, content: system },
            { role: 'user' as const, content: user },
          ],
          response_format: zodResponseFormat(draftSchema, 'draft'),
        };
        const completion = this.options.stream
          ? await this.client.chat.completions.stream(body).finalChatCompletion()
          : await this.client.chat.completions.parse(body);
        const parsed = completion.choices[0]?.message.parsed;
        if (!parsed) throw new Error(completion.choices[0]?.message.refusal ?? 'the model returned no draft');
        return toModelDraft(parsed);
      },
    });
  }
}
