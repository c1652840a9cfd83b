import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { createOpenAIClient, type OpenAIConnection } from '../providers/create-openai-client.ts';
import { toTriagerProposal, triageMessages, triageSchema } from './triage-prompt.ts';
import { triageOrFallBack } from './triage-or-fall-back.ts';
import type { Triager, TriagerProposal } from './triager.ts';

export type OpenAITriagerOptions = OpenAIConnection & {
  model: string;
  /** Used when the endpoint fails, times out or returns output that does not fit the schema. */
  fallback: Triager;
};

/**
 * Triages with any OpenAI-compatible chat endpoint using structured output. The item goes in as delimited data;
 * when the call fails, the fallback triager answers and the proposal says so.
 */
export class OpenAITriager implements Triager {
  readonly id: string;
  readonly refinesReceiptRules = true;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAITriagerOptions) {
    this.id = `openai:${options.model}`;
    this.client = createOpenAIClient(options);
  }

  triage(item: string): Promise<TriagerProposal> {
    return triageOrFallBack({
      model: this.options.model,
      fallback: this.options.fallback,
      item,
      triage: async () => {
        const { system, user } = triageMessages(item);
        const completion = await this.client.chat.completions.parse({
          model: this.options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
          response_format: zodResponseFormat(triageSchema, 'triage'),
        });
        const parsed = completion.choices[0]?.message.parsed;
        if (!parsed) throw new Error(completion.choices[0]?.message.refusal ?? 'the model returned no triage');
        return toTriagerProposal(parsed);
      },
    });
  }
}
