import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES, loadConfig } from '../../config/load-config.ts';

const load = (environment: Record<string, string>) => loadConfig({ environment, dotenvPath: '/nonexistent/.env' });

describe('configuration', () => {
  it('runs offline on the embedded database with nothing set', () => {
    const config = load({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.embedder).toEqual({ kind: 'offline', dimensions: 256 });
    expect(config.chatModel).toEqual({ kind: 'extractive' });
    expect(config.dataDirectory).toMatch(/\/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('selects the OpenAI-compatible embedder when a model is configured', () => {
    const config = load({
      EMBEDDING_MODEL: 'bge-m3',
      EMBEDDING_DIMENSIONS: '1024',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(config.embedder).toMatchObject({
      kind: 'openai',
      model: 'bge-m3',
      dimensions: 1024,
      baseURL: 'http://127.0.0.1:11434/v1',
    });
  });

  it("reads the office's own contacts from HUIYING_OFFICE_CONTACTS and a file, and says when the file is missing", () => {
    const folder = mkdtempSync(join(tmpdir(), 'huiying-contacts-'));
    try {
      const file = join(folder, 'contacts.txt');
      writeFileSync(file, '# 本单位公布的联系方式\n0730 518 0118\n\ngkb@qinghe.gov.cn\n');
      const config = load({
        HUIYING_OFFICE_CONTACTS: 'qinghe.gov.cn，12345; 0730 518 0118',
        HUIYING_OFFICE_CONTACTS_FILE: file,
      });
      expect(config.officeContacts).toEqual(['qinghe.gov.cn', '12345', '0730 518 0118', 'gkb@qinghe.gov.cn']);
      expect(load({}).officeContacts).toEqual([]);
      expect(() => load({ HUIYING_OFFICE_CONTACTS_FILE: join(folder, 'missing.txt') })).toThrow(
        /Cannot read HUIYING_OFFICE_CONTACTS_FILE .*missing\.txt/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names the variable and the fix when a value is wrong or missing', () => {
    expect(() => load({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => load({ HUIYING_MAX_FILE_MB: '-3' })).toThrow(/HUIYING_MAX_FILE_MB must be a positive whole number/);
    expect(() => load({ HUIYING_EMBEDDER: 'openai' })).toThrow(
      /EMBEDDING_MODEL, EMBEDDING_DIMENSIONS.*HUIYING_EMBEDDER=offline/,
    );
    expect(() => load({ CHAT_MODEL: 'qwen-plus' })).toThrow(/OPENAI_API_KEY nor OPENAI_BASE_URL/);
  });

  it('drafts and triages through the openai client by default, or through LangChain when HUIYING_MODEL_PROVIDER says so', () => {
    const endpoint = { CHAT_MODEL: 'qwen-plus', OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' };
    expect(load(endpoint).chatModel).toMatchObject({ kind: 'openai', model: 'qwen-plus' });
    expect(load({ ...endpoint, HUIYING_MODEL_PROVIDER: 'langchain' }).chatModel).toEqual({
      kind: 'langchain',
      model: 'qwen-plus',
      baseURL: 'http://127.0.0.1:8000/v1',
      apiKey: 'not-needed',
      structuredOutput: 'functionCalling',
      module: undefined,
    });
    expect(
      load({ ...endpoint, HUIYING_MODEL_PROVIDER: 'langchain', HUIYING_STRUCTURED_OUTPUT: 'json-mode' }).chatModel,
    ).toMatchObject({ structuredOutput: 'jsonMode' });
    // An office's own module may bring its own credentials, so no endpoint is required; its path is made absolute.
    expect(
      load({ CHAT_MODEL: 'deepseek-chat', HUIYING_MODEL_PROVIDER: 'langchain', HUIYING_LANGCHAIN_MODULE: 'office.mjs' })
        .chatModel,
    ).toMatchObject({ kind: 'langchain', apiKey: undefined, module: expect.stringMatching(/^\/.*\/office\.mjs$/) });
  });

  it('refuses a LangChain setting that would be ignored, and names the fix', () => {
    expect(() => load({ HUIYING_MODEL_PROVIDER: 'dashscope' })).toThrow(
      /HUIYING_MODEL_PROVIDER must be openai or langchain/,
    );
    expect(() => load({ HUIYING_MODEL_PROVIDER: 'langchain' })).toThrow(/langchain needs CHAT_MODEL/);
    expect(() => load({ HUIYING_MODEL_PROVIDER: 'langchain', CHAT_MODEL: 'qwen-plus' })).toThrow(
      /OPENAI_API_KEY nor OPENAI_BASE_URL/,
    );
    expect(() =>
      load({ CHAT_MODEL: 'qwen-plus', OPENAI_API_KEY: 'sk', HUIYING_STRUCTURED_OUTPUT: 'json-mode' }),
    ).toThrow(/HUIYING_STRUCTURED_OUTPUT apply only to the LangChain provider. Set HUIYING_MODEL_PROVIDER=langchain/);
    expect(() => load({ HUIYING_LANGCHAIN_MODULE: './office.mjs' })).toThrow(/HUIYING_LANGCHAIN_MODULE apply only/);
    expect(() =>
      load({
        CHAT_MODEL: 'qwen-plus',
        OPENAI_API_KEY: 'sk',
        HUIYING_MODEL_PROVIDER: 'langchain',
        HUIYING_STRUCTURED_OUTPUT: 'xml',
      }),
    ).toThrow(/HUIYING_STRUCTURED_OUTPUT must be function-calling, json-mode or json-schema/);
  });

  it('lets the environment win over .env', () => {
    expect(load({ HUIYING_OFFLINE_DIMENSIONS: '128' }).embedder).toEqual({ kind: 'offline', dimensions: 128 });
  });

  it('has review defaults, and a Slack surface only when all of its variables are set', () => {
    const config = load({});
    expect(config.review).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      separateApprover: true,
      deadlines: { informationRequestWorkingDays: 20, majorReleaseHours: 5 },
    });
    expect(config.slack).toBeUndefined();
    expect(() => load({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET, SLACK_REVIEW_CHANNEL/);
    expect(
      load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_REVIEW_CHANNEL: 'C1' }).slack,
    ).toMatchObject({ port: 3001, reviewChannel: 'C1' });
    expect(() => load({ HUIYING_SEPARATE_APPROVER: 'maybe' })).toThrow(
      /HUIYING_SEPARATE_APPROVER must be true or false/,
    );
    expect(load({ HUIYING_PUBLIC_URL: 'https://huiying.example.gov.cn/' }).review.publicUrl).toBe(
      'https://huiying.example.gov.cn',
    );
    expect(() => load({ HUIYING_PUBLIC_URL: 'huiying.example.gov.cn' })).toThrow(
      /HUIYING_PUBLIC_URL must be the console's address/,
    );
    expect(load({}).discord).toBeUndefined();
    expect(() => load({ DISCORD_BOT_TOKEN: 't' })).toThrow(/DISCORD_REVIEW_CHANNEL is missing/);
    expect(() => load({ DISCORD_BOT_TOKEN: 't', DISCORD_REVIEW_CHANNEL: '#review' })).toThrow(
      /DISCORD_REVIEW_CHANNEL must be a channel id/,
    );
  });

  it('documents every variable it reads in .env.example', () => {
    const documented = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.env.example'), 'utf8');
    expect(CONFIG_VARIABLES.filter((name) => !new RegExp(`^# ${name}=`, 'm').test(documented))).toEqual([]);
  });
});
