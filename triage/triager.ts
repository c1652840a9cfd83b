import type { TriageProposal } from './triage-opinion.ts';

/** A triager's proposal, with the reasons it could not do better (a model that failed, say), if any. */
export type TriagerProposal = TriageProposal & { escalationReasons: string[] };

/** Proposes topic, severity and responsible units for a public-opinion item: by rules, or with a model. */
export interface Triager {
  readonly id: string;
  /**
   * Whether its proposals can differ from the rules every case gets at receipt (`triageOpinion`). The review worker
   * asks a triager only when it does, so without a model nothing is triaged twice.
   */
  readonly refinesReceiptRules: boolean;
  triage(item: string): Promise<TriagerProposal>;
}
