import type { ChatModel, DraftRequest, ModelDraft } from '../../drafting/chat-model.ts';

/**
 * Stands in for a remote language model that does whatever it is told, including instructions hidden in the
 * public's text: it returns the sentences it was scripted with and records every request it received.
 */
export class ScriptedChatModel implements ChatModel {
  readonly id = 'scripted-test-model';
  readonly requests: DraftRequest[] = [];

  constructor(private readonly script: (request: DraftRequest) => ModelDraft) {}

  async draft(request: DraftRequest): Promise<ModelDraft> {
    this.requests.push(request);
    return this.script(request);
  }
}
