import { describeModelFailure } from '../providers/describe-model-failure.ts';
import type { ChatModel, DraftRequest, ModelDraft } from './chat-model.ts';

/**
 * Drafts with a model; when the call fails, times out or returns output that does not fit the schema, the fallback
 * drafter answers and the first escalation reason says which model failed and why, so the reviewer sees it.
 */
export async function draftOrFallBack(options: {
  model: string;
  fallback: ChatModel;
  request: DraftRequest;
  draft: () => Promise<ModelDraft>;
}): Promise<ModelDraft> {
  try {
    return await options.draft();
  } catch (error) {
    const fallback = await options.fallback.draft(options.request);
    return {
      ...fallback,
      escalationReasons: [
        `model ${options.model} failed (${describeModelFailure(error)}); this is the ${options.fallback.id} draft`,
        ...fallback.escalationReasons,
      ],
    };
  }
}
