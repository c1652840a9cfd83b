import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { StructuredOutputMethod } from '../config/load-config.ts';
import { jsonOutputPrompt } from '../prompts/json-output-prompt.ts';
import { invokeStructuredOutput } from '../providers/invoke-structured-output.ts';
import type { ChatModel, DraftRequest, ModelDraft } from './chat-model.ts';
import { draftOrFallBack } from './draft-or-fall-back.ts';
import { draftMessages, draftSchema, toModelDraft } from './draft-prompt.ts';

export type LangChainChatModelOptions = {
  /** The model's name, for the drafter's id and the reason shown when it fails. */
  model: string;
  /** Makes the LangChain chat model (providers/create-langchain-chat-model.ts); called once, on the first draft. */
  chatModel: () => Promise<BaseChatModel>;
  /** `functionCalling` for most endpoints; `jsonMode` for one without tools; `jsonSchema` where it is accepted. */
  structuredOutput: StructuredOutputMethod;
  /** Used when the model fails, times out or returns output that does not fit the schema. */
  fallback: ChatModel;
};

/**
 * Drafts with any LangChain chat model, so an office can plug in a provider the openai client does not reach (a
 * domestic model's own package, an endpoint that rejects json_schema). Same prompt files, same delimiting, same
 * verification afterwards and the same visible fallback as the OpenAI drafter.
 */
export class LangChainChatModel implements ChatModel {
  readonly id: string;
  private loaded?: Promise<BaseChatModel>;

  constructor(private readonly options: LangChainChatModelOptions) {
    this.id = `langchain:${options.model}`;
  }

  draft(request: DraftRequest): Promise<ModelDraft> {
    return draftOrFallBack({
      model: this.options.model,
      fallback: this.options.fallback,
      request,
      draft: async () => {
        const { system, user } = draftMessages(request);
        const method = this.options.structuredOutput;
        const parsed = await invokeStructuredOutput({
          chatModel: await (this.loaded ??= this.options.chatModel()),
          schema: draftSchema,
          name: 'draft',
          method,
          system: method === 'jsonMode' ? `${system}\n\n${jsonOutputPrompt(draftSchema)}` : system,
          user,
        });
        return toModelDraft(parsed);
      },
    });
  }
}
