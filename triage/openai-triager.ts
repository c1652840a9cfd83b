import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { delimitPublicText } from '../prompts/delimit-public-text.ts';
import { loadPrompt } from '../prompts/load-prompt.ts';
import { createOpenAIClient, type OpenAIConnection } from '../providers/create-openai-client.ts';
import { SEVERITIES } from './triage-rules.ts';
import type { Triager, TriagerProposal } from './triager.ts';

const triageSchema = z.object({
  topic: z.string(),
  severity: z.enum(SEVERITIES),
  severity_basis: z.string(),
  responsible_units: z.array(z.string()),
  authoritative_release_due: z.boolean(),
});

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

  async triage(item: string): Promise<TriagerProposal> {
    try {
      const completion = await this.client.chat.completions.parse({
        model: this.options.model,
        temperature: 0,
        messages: [
          { role: 'system', content: loadPrompt('opinion-triage', {}) },
          { role: 'user', content: delimitPublicText('舆情内容', item) },
        ],
        response_format: zodResponseFormat(triageSchema, 'triage'),
      });
      const parsed = completion.choices[0]?.message.parsed;
      if (!parsed) throw new Error(completion.choices[0]?.message.refusal ?? 'the model returned no triage');
      return {
        topic: parsed.topic,
        severity: parsed.severity,
        severityBasis: parsed.severity_basis,
        responsibleUnits: parsed.responsible_units,
        escalationReasons: [],
      };
    } catch (error) {
      const fallback = await this.options.fallback.triage(item);
      return {
        ...fallback,
        escalationReasons: [
          `model ${this.options.model} failed (${(error as Error).message}); this is the ${this.options.fallback.id} triage`,
        ],
      };
    }
  }
}
