import { z } from 'zod';
import { delimitPublicText } from '../prompts/delimit-public-text.ts';
import { loadPrompt } from '../prompts/load-prompt.ts';
import { SEVERITIES } from './triage-rules.ts';
import type { TriagerProposal } from './triager.ts';

/** What every model triager asks for; severity must be one of the State Council's grades. */
export const triageSchema = z.object({
  topic: z.string(),
  severity: z.enum(SEVERITIES),
  severity_basis: z.string(),
  responsible_units: z.array(z.string()),
  authoritative_release_due: z.boolean(),
});

/** The system prompt (prompts/opinion-triage.md) and the item as delimited data. */
export function triageMessages(item: string): { system: string; user: string } {
  return { system: loadPrompt('opinion-triage', {}), user: delimitPublicText('舆情内容', item) };
}

/** A model's parsed triage in huiying's terms (the response deadline follows from the severity by rule). */
export function toTriagerProposal(parsed: z.infer<typeof triageSchema>): TriagerProposal {
  return {
    topic: parsed.topic,
    severity: parsed.severity,
    severityBasis: parsed.severity_basis,
    responsibleUnits: parsed.responsible_units,
    escalationReasons: [],
  };
}
