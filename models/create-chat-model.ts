import type { ChatModel } from './chat-model.ts';
import { ExtractiveDrafter } from './extractive-drafter.ts';

/** The one place that picks the drafter. Only the offline extractive drafter exists so far; the OpenAI-compatible one is #3. */
export function createChatModel(): ChatModel {
  return new ExtractiveDrafter();
}
