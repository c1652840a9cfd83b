import { triageOpinion } from './triage-opinion.ts';
import type { Triager, TriagerProposal } from './triager.ts';

/** The offline triager: the rules of `triageOpinion`, the same ones applied to every case at receipt. */
export class RuleTriager implements Triager {
  readonly id = 'rules-v1';
  readonly refinesReceiptRules = false;

  async triage(item: string): Promise<TriagerProposal> {
    const { response: _response, ...proposal } = triageOpinion(item);
    return { ...proposal, escalationReasons: [] };
  }
}
