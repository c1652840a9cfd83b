import type { Triager, TriagerProposal } from '../../triage/triager.ts';

/** Stands in for a model's triager: it proposes what it was scripted with and records every item it was given. */
export class ScriptedTriager implements Triager {
  readonly id = 'scripted-test-triager';
  readonly refinesReceiptRules = true;
  readonly items: string[] = [];

  constructor(private readonly script: (item: string) => TriagerProposal) {}

  async triage(item: string): Promise<TriagerProposal> {
    this.items.push(item);
    return this.script(item);
  }
}
