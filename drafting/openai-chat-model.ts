import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { loadPrompt, type PromptName } from '../prompts/load-prompt.ts';
import { SEVERITIES } from '../triage/triage-rules.ts';
import type { TriageProposal } from '../triage/triage-opinion.ts';
import type { ChatModel, DraftAudience, DraftRequest, ModelDraft } from './chat-model.ts';
import { createOpenAIClient, type OpenAIConnection } from '../providers/create-openai-client.ts';

const draftSchema = z.object({
  sentences: z.array(z.object({ text: z.string(), citations: z.array(z.number().int()) })),
  confidence: z.number(),
  escalate_reasons: z.array(z.string()),
});

const triageSchema = z.object({
  topic: z.string(),
  severity: z.enum(SEVERITIES),
  severity_basis: z.string(),
  responsible_units: z.array(z.string()),
  authoritative_release_due: z.boolean(),
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

  async triage(item: string): Promise<TriageProposal & { escalationReasons: string[] }> {
    try {
      const completion = await this.client.chat.completions.parse({
        model: this.options.model,
        temperature: 0,
        messages: [
          { role: 'system', content: loadPrompt('opinion-triage', {}) },
          { role: 'user', content: delimit('舆情内容', item) },
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
          { role: 'user' as const, content: delimit(label, request.question) },
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

// Delimiters make the public's text data; the prompts say to follow no instruction inside them, and the text cannot
// close the delimiter itself.
function delimit(label: string, text: string): string {
  return `<<<${label}开始>>>\n${text.replaceAll('<<<', '‹‹‹').replaceAll('>>>', '›››')}\n<<<${label}结束>>>`;
}
