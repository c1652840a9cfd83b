import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIEmbedder } from '../../embed/openai-embedder.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai-server.ts';

describe('OpenAI-compatible embedder through the real openai client', () => {
  const fake = new FakeOpenAIServer({ dimensions: 8 });
  let baseURL: string;
  const embedder = (options: Partial<ConstructorParameters<typeof OpenAIEmbedder>[0]> = {}) =>
    new OpenAIEmbedder({
      model: 'text-embedding-v3',
      dimensions: 8,
      apiKey: 'sk-test',
      baseURL,
      batchSize: 2,
      maxRetries: 2,
      ...options,
    });

  beforeAll(async () => {
    baseURL = await fake.start();
  });
  afterEach(() => {
    fake.requests.length = 0;
  });
  afterAll(() => fake.close());

  it('embeds in batches, keeps input order and returns unit vectors', async () => {
    const texts = ['政府信息公开', '依申请公开', '行政复议'];
    const vectors = await embedder().embed(texts);
    expect(fake.requests.map((request) => (request.body.input as string[]).length)).toEqual([2, 1]);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/embeddings',
      authorization: 'Bearer sk-test',
      body: { model: 'text-embedding-v3' },
    });
    vectors.forEach((vector, index) => {
      const expected = fake.vectorFor(texts[index]!);
      const norm = Math.hypot(...expected);
      expect(Array.from(vector)).toEqual(
        expected.map((value) => Math.fround(value / norm)).map((value) => expect.closeTo(value, 5)),
      );
    });
  });

  it('retries after 429 (honouring retry-after-ms) and 500, then succeeds', async () => {
    fake.failNext({ status: 429, headers: { 'retry-after-ms': '10' } }, { status: 500 });
    const [vector] = await embedder().embed(['老旧小区改造']);
    expect(vector).toHaveLength(8);
    expect(fake.requests).toHaveLength(3);
  });

  it('gives a clear error naming the settings when the endpoint keeps failing', async () => {
    fake.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(embedder({ maxRetries: 1 }).embed(['停车'])).rejects.toMatchObject({
      code: 'embedding-failed',
      message: expect.stringContaining('OPENAI_BASE_URL'),
    });
  });

  it('refuses vectors of the wrong size and says which setting to change', async () => {
    await expect(embedder({ dimensions: 4 }).embed(['停车'])).rejects.toThrow(/EMBEDDING_DIMENSIONS=8/);
  });
});
