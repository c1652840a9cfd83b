import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLangChainChatModel } from '../../providers/create-langchain-chat-model.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai-server.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/langchain-modules/${name}`, import.meta.url));

describe('the LangChain chat-model factory', () => {
  const fake = new FakeOpenAIServer({ dimensions: 8 });
  let baseURL: string;

  beforeAll(async () => {
    baseURL = await fake.start();
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.chatReplies.length = 0;
  });
  afterAll(() => fake.close());

  it('builds ChatOpenAI on the configured endpoint, key and model, at temperature 0', async () => {
    fake.chatReplies.push({ content: '您好' });
    const model = await createLangChainChatModel({ model: 'qwen-plus', apiKey: 'sk-test', baseURL, maxRetries: 0 });
    const answer = await model.invoke([['human', '你好']]);
    expect(answer.content).toBe('您好');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      authorization: 'Bearer sk-test',
      body: { model: 'qwen-plus', temperature: 0, messages: [{ role: 'user', content: '你好' }] },
    });
  });

  it("uses an office's module when one is configured, handing it the model name and connection", async () => {
    fake.chatReplies.push({ content: '您好' });
    const model = await createLangChainChatModel({
      model: 'qwen-plus',
      apiKey: 'sk-office',
      baseURL,
      maxRetries: 0,
      module: fixture('office-model.ts'),
    });
    expect((await model.invoke([['human', '你好']])).content).toBe('您好');
    expect(fake.requests[0]).toMatchObject({ authorization: 'Bearer sk-office', body: { model: 'office-qwen-plus' } });
  });

  it('names HUIYING_LANGCHAIN_MODULE and the fix when the module is missing or exports no chat model', async () => {
    const attempt = (module: string) =>
      createLangChainChatModel({ model: 'qwen-plus', apiKey: 'sk-test', baseURL, module });
    await expect(attempt(fixture('missing-module.mjs'))).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringMatching(/^HUIYING_LANGCHAIN_MODULE \(.+missing-module\.mjs\) could not be loaded: /),
    });
    await expect(attempt(fixture('no-factory.ts'))).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringContaining('has no default export function'),
    });
    await expect(attempt(fixture('not-a-model.ts'))).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringContaining('is not a LangChain chat model'),
    });
    expect(fake.requests).toHaveLength(0);
  });
});
