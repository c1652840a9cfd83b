import { composeProvisions } from './compose-provisions.ts';
import type { ChatModel, DraftRequest, ModelDraft } from './chat-model.ts';

/**
 * The offline drafter: it writes nothing of its own. It quotes the provisions it is given that answer the question,
 * each with its attribution (drafting/compose-provisions.ts); the reply's frame is added by draftAnswer.
 */
export class ExtractiveDrafter implements ChatModel {
  readonly id = 'extractive-v1';

  async draft(request: DraftRequest): Promise<ModelDraft> {
    return composeProvisions(request);
  }
}
