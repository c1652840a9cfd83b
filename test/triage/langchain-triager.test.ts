import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type StructuredOutputMethod } from '../../config/load-config.ts';
import { createLangChainChatModel } from '../../providers/create-langchain-chat-model.ts';
import { createTriager } from '../../triage/create-triager.ts';
import { LangChainTriager } from '../../triage/langchain-triager.ts';
import { RuleTriager } from '../../triage/rule-triager.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai-server.ts';

const item = '青禾市某矿透水，12人遇难';
const proposal = {
  topic: '安全生产',
  severity: '重大',
  severity_basis: '死亡12人',
  responsible_units: ['青禾市人民政府', '应急管理部门'],
  authoritative_release_due: true,
};
type ChatBody = {
  messages: Array<{ role: string; content: string }>;
  tools?: Array<{ function: { name: string } }>;
  tool_choice?: unknown;
  response_format?: { type: string };
};

describe('LangChain triager through @langchain/openai against the loopback fake', () => {
  const fake = new FakeOpenAIServer({ dimensions: 8 });
  let baseURL: string;
  const triager = (options: { structuredOutput?: StructuredOutputMethod; maxRetries?: number } = {}) =>
    new LangChainTriager({
      model: 'qwen-plus',
      structuredOutput: options.structuredOutput ?? 'functionCalling',
      fallback: new RuleTriager(),
      chatModel: () =>
        createLangChainChatModel({
          model: 'qwen-plus',
          apiKey: 'sk-test',
          baseURL,
          maxRetries: options.maxRetries ?? 2,
          timeoutMs: 2_000,
        }),
    });
  const body = (index = 0) => fake.requests[index]!.body as ChatBody;

  beforeAll(async () => {
    baseURL = await fake.start();
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.chatReplies.length = 0;
  });
  afterAll(() => fake.close());

  it('proposes triage from a forced tool call, the item delimited as data, and says it refines the rules', async () => {
    fake.chatReplies.push({ content: JSON.stringify(proposal) });
    const chosen = triager();
    expect(chosen.refinesReceiptRules).toBe(true);
    expect(await chosen.triage(item)).toEqual({
      topic: '安全生产',
      severity: '重大',
      severityBasis: '死亡12人',
      responsibleUnits: ['青禾市人民政府', '应急管理部门'],
      escalationReasons: [],
    });
    expect(body().tools!.map((tool) => tool.function.name)).toEqual(['triage']);
    expect(body().tool_choice).toEqual({ type: 'function', function: { name: 'triage' } });
    expect(body().messages[0]!.content).toContain('政务舆情研判助手');
    expect(body().messages[1]!.content).toBe('<<<舆情内容开始>>>\n青禾市某矿透水，12人遇难\n<<<舆情内容结束>>>');
  });

  it('reads a plain JSON answer in JSON mode, with the schema written into the system prompt', async () => {
    fake.chatReplies.push({ content: JSON.stringify(proposal) });
    expect(await triager({ structuredOutput: 'jsonMode' }).triage(item)).toMatchObject({ severity: '重大' });
    expect(body().response_format).toEqual({ type: 'json_object' });
    expect(body().tools).toBeUndefined();
    expect(body().messages[0]!.content).toContain('"severity_basis"');
  });

  it("retries after a 500 in LangChain's caller, then uses the answer", async () => {
    fake.failNext({ status: 500 });
    fake.chatReplies.push({ content: JSON.stringify(proposal) });
    expect(await triager().triage(item)).toMatchObject({ severity: '重大', escalationReasons: [] });
    expect(fake.requests).toHaveLength(2);
  });

  it('falls back to the rules, visibly, on a grade outside the scale, malformed output or an outage', async () => {
    const rules = await new RuleTriager().triage(item);
    const fellBack = (reason: string | undefined) =>
      expect(reason).toMatch(/^model qwen-plus failed \(.+\); this is the rules-v1 triage$/);

    fake.chatReplies.push({ content: JSON.stringify({ ...proposal, severity: '非常严重' }) });
    const offScale = await triager().triage(item);
    expect(offScale).toMatchObject({ severity: rules.severity, responsibleUnits: rules.responsibleUnits });
    fellBack(offScale.escalationReasons[0]);

    fake.chatReplies.push({ content: '重大' });
    fellBack((await triager().triage(item)).escalationReasons[0]);

    fake.chatReplies.push({ content: '{"severity": "重大"}' });
    fellBack((await triager({ structuredOutput: 'jsonMode' }).triage(item)).escalationReasons[0]);

    fake.failNext({ status: 503 });
    const outage = await triager({ maxRetries: 0 }).triage(item);
    expect(outage).toMatchObject({ severity: '重大', severityBasis: rules.severityBasis });
    fellBack(outage.escalationReasons[0]);
  });

  it('is the triager HUIYING_MODEL_PROVIDER=langchain selects; without a chat model the rules are', async () => {
    const load = (environment: Record<string, string>) =>
      loadConfig({ environment, dotenvPath: '/nonexistent/.env' }).chatModel;
    const configured = createTriager(
      load({ CHAT_MODEL: 'qwen-plus', OPENAI_BASE_URL: baseURL, HUIYING_MODEL_PROVIDER: 'langchain' }),
    );
    expect(configured.id).toBe('langchain:qwen-plus');
    fake.chatReplies.push({ content: JSON.stringify(proposal) });
    expect(await configured.triage(item)).toMatchObject({ severity: '重大', escalationReasons: [] });
    expect(fake.requests).toHaveLength(1);
    expect(createTriager(load({})).refinesReceiptRules).toBe(false);
  });
});
