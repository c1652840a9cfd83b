import { composeProvisions } from './compose-provisions.ts';
import { triageOpinion } from '../triage/triage-opinion.ts';
import type { ChatModel, DraftRequest, ModelDraft } from './chat-model.ts';

/**
 * The offline drafter: it writes nothing of its own. It quotes the provisions it is given that answer the question,
 * each with its attribution (drafting/compose-provisions.ts); the reply's frame is added by draftAnswer.
 */
export class ExtractiveDrafter implements ChatModel {
  readonly id = 'extractive-v1';

  /** Offline triage is rule-based (triage/triage-rules.ts). */
  async triage(item: string) {
    const { response: _response, ...proposal } = triageOpinion(item);
    return { ...proposal, escalationReasons: [] };
  }

  async draft(request: DraftRequest): Promise<ModelDraft> {
    return composeProvisions(request);
  }
}
