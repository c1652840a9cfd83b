import { pathToFileURL } from 'node:url';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { DEFAULTS } from '../config/defaults.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import type { OpenAIConnection } from './create-openai-client.ts';

/** What an office's model module receives: the configured model name and connection, huiying's retry and timeout. */
export type LangChainModelSettings = {
  model: string;
  /** OPENAI_API_KEY; unset only when an office's module brings its own credentials. */
  apiKey?: string;
  baseURL?: string;
  maxRetries: number;
  timeoutMs: number;
};

/**
 * The default export of the module named by HUIYING_LANGCHAIN_MODULE: builds the LangChain chat model huiying drafts
 * and triages with. Any model whose `withStructuredOutput` supports the configured method will do, for example
 * `export default ({ model, apiKey }) => new ChatDeepSeek({ model, apiKey, temperature: 0 })`.
 */
export type LangChainModelFactory = (settings: LangChainModelSettings) => BaseChatModel | Promise<BaseChatModel>;

export type LangChainChatModelOptions = Omit<OpenAIConnection, 'apiKey'> & {
  apiKey?: string;
  model: string;
  /** Absolute path of an office's module whose default export is a `LangChainModelFactory`. @default ChatOpenAI */
  module?: string;
};

/**
 * Makes the LangChain chat model behind the LangChain drafter and triager: the office's own factory when a module is
 * configured, otherwise `ChatOpenAI` from `@langchain/openai` on the OpenAI-compatible endpoint. LangChain is loaded
 * only here and only when this path is configured, so the default path does not pay for it.
 */
export async function createLangChainChatModel(options: LangChainChatModelOptions): Promise<BaseChatModel> {
  const settings: LangChainModelSettings = {
    model: options.model,
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: options.maxRetries ?? DEFAULTS.modelMaxRetries,
    timeoutMs: options.timeoutMs ?? DEFAULTS.requestTimeoutMs,
  };
  if (options.module !== undefined) return loadOfficeModel(options.module, settings);
  const { ChatOpenAI } = await import('@langchain/openai');
  // LangChain retries in its own caller (the openai client inside is made with maxRetries 0).
  return new ChatOpenAI({
    model: settings.model,
    apiKey: settings.apiKey ?? 'not-needed',
    temperature: 0,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    configuration: { baseURL: settings.baseURL, fetch: options.fetch },
  });
}

async function loadOfficeModel(path: string, settings: LangChainModelSettings): Promise<BaseChatModel> {
  const problem = (what: string, cause?: unknown) =>
    new HuiyingError({
      code: 'config-invalid',
      message: `HUIYING_LANGCHAIN_MODULE (${path}) ${what}. Its default export must be a function that returns a LangChain chat model (see .env.example); fix it, or unset HUIYING_LANGCHAIN_MODULE to use ChatOpenAI.`,
      cause,
    });
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  } catch (error) {
    throw problem(`could not be loaded: ${(error as Error).message}`, error);
  }
  if (typeof exported !== 'function') throw problem('has no default export function');
  const model = (await (exported as LangChainModelFactory)(settings)) as unknown;
  if (typeof (model as Partial<BaseChatModel> | undefined)?.withStructuredOutput !== 'function')
    throw problem('returned something that is not a LangChain chat model (it has no withStructuredOutput)');
  return model as BaseChatModel;
}
