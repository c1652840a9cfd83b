import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAITriager } from '../../triage/openai-triager.ts';
import { RuleTriager } from '../../triage/rule-triager.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai-server.ts';

describe('OpenAI-compatible triager through the real openai client', () => {
  const fake = new FakeOpenAIServer({ dimensions: 8 });
  let baseURL: string;
  const model = () =>
    new OpenAITriager({
      model: 'qwen-plus',
      apiKey: 'sk-test',
      baseURL,
      fallback: new RuleTriager(),
      maxRetries: 2,
      timeoutMs: 2_000,
    });

  beforeAll(async () => {
    baseURL = await fake.start();
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.chatReplies.length = 0;
  });
  afterAll(() => fake.close());

  it('proposes triage with structured output, and falls back to the rules when the model fails', async () => {
    fake.chatReplies.push({
      content: JSON.stringify({
        topic: '安全生产',
        severity: '重大',
        severity_basis: '死亡12人',
        responsible_units: ['青禾市人民政府', '应急管理部门'],
        authoritative_release_due: true,
      }),
    });
    expect(await model().triage('青禾市某矿透水，12人遇难')).toEqual({
      topic: '安全生产',
      severity: '重大',
      severityBasis: '死亡12人',
      responsibleUnits: ['青禾市人民政府', '应急管理部门'],
      escalationReasons: [],
    });
    const body = fake.requests[0]!.body as {
      messages: Array<{ content: string }>;
      response_format: { json_schema: { name: string } };
    };
    expect(body.response_format.json_schema.name).toBe('triage');
    expect(body.messages[1]!.content).toBe('<<<舆情内容开始>>>\n青禾市某矿透水，12人遇难\n<<<舆情内容结束>>>');

    fake.chatReplies.push({
      content: JSON.stringify({
        topic: '安全生产',
        severity: '非常严重',
        severity_basis: '',
        responsible_units: [],
        authoritative_release_due: true,
      }),
    });
    const fallback = await model().triage('青禾市某矿透水，12人遇难');
    expect(fallback).toMatchObject({
      severity: '重大',
      escalationReasons: [expect.stringMatching(/^model qwen-plus failed/)],
    });
  });
});

describe('rule triager', () => {
  it('proposes what the rules at receipt do, and says it adds nothing to them', async () => {
    const triager = new RuleTriager();
    expect(triager.refinesReceiptRules).toBe(false);
    expect(await triager.triage('网传青禾市临江区一化工厂发生爆炸，已致3人死亡')).toEqual({
      topic: '安全生产',
      severity: '较大',
      severityBasis: '死亡3人（生产安全事故报告和调查处理条例 第三条）',
      responsibleUnits: ['青禾市临江区人民政府（属地管理）', '应急管理部门（谁主管谁负责）'],
      escalationReasons: [],
    });
  });
});
