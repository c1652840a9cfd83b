import { describeModelFailure } from '../providers/describe-model-failure.ts';
import type { Triager, TriagerProposal } from './triager.ts';

/**
 * Triages with a model; when the call fails, times out or returns output that does not fit the schema, the fallback
 * triager (the rules) answers and the escalation reason says which model failed and why.
 */
export async function triageOrFallBack(options: {
  model: string;
  fallback: Triager;
  item: string;
  triage: () => Promise<TriagerProposal>;
}): Promise<TriagerProposal> {
  try {
    return await options.triage();
  } catch (error) {
    const fallback = await options.fallback.triage(options.item);
    return {
      ...fallback,
      escalationReasons: [
        `model ${options.model} failed (${describeModelFailure(error)}); this is the ${options.fallback.id} triage`,
      ],
    };
  }
}
