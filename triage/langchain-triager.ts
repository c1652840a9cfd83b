import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { StructuredOutputMethod } from '../config/load-config.ts';
import { jsonOutputPrompt } from '../prompts/json-output-prompt.ts';
import { invokeStructuredOutput } from '../providers/invoke-structured-output.ts';
import { toTriagerProposal, triageMessages, triageSchema } from './triage-prompt.ts';
import { triageOrFallBack } from './triage-or-fall-back.ts';
import type { Triager, TriagerProposal } from './triager.ts';

export type LangChainTriagerOptions = {
  /** The model's name, for the triager's id and the reason shown when it fails. */
  model: string;
  /** Makes the LangChain chat model (providers/create-langchain-chat-model.ts); called once, on the first item. */
  chatModel: () => Promise<BaseChatModel>;
  /** `functionCalling` for most endpoints; `jsonMode` for one without tools; `jsonSchema` where it is accepted. */
  structuredOutput: StructuredOutputMethod;
  /** Used when the model fails, times out or returns output that does not fit the schema. */
  fallback: Triager;
};

/** Triages with any LangChain chat model: the same prompt file, delimiting and fallback as the OpenAI triager. */
export class LangChainTriager implements Triager {
  readonly id: string;
  readonly refinesReceiptRules = true;
  private loaded?: Promise<BaseChatModel>;

  constructor(private readonly options: LangChainTriagerOptions) {
    this.id = `langchain:${options.model}`;
  }

  triage(item: string): Promise<TriagerProposal> {
    return triageOrFallBack({
      model: this.options.model,
      fallback: this.options.fallback,
      item,
      triage: async () => {
        const { system, user } = triageMessages(item);
        const method = this.options.structuredOutput;
        const parsed = await invokeStructuredOutput({
          chatModel: await (this.loaded ??= this.options.chatModel()),
          schema: triageSchema,
          name: 'triage',
          method,
          system: method === 'jsonMode' ? `${system}\n\n${jsonOutputPrompt(triageSchema)}` : system,
          user,
        });
        return toTriagerProposal(parsed);
      },
    });
  }
}
