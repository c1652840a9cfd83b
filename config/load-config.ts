import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { HuiyingError } from './huiying-error.ts';
import { DEFAULTS, type DeadlinePolicy } from './defaults.ts';
import { packagePath } from './package-root.ts';

const DEFAULT_HOLIDAYS_FILE = packagePath('config', 'holidays-cn.json');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInteger = (name: string, max: number) =>
  z
    .string()
    .regex(/^[1-9]\d*$/, `${name} must be a positive whole number`)
    .transform(Number)
    .pipe(z.number().max(max, `${name} must be at most ${max}`));

const environmentSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
  ),
  HUIYING_DATA_DIR: optionalText,
  HUIYING_EMBEDDER: optionalText.pipe(z.enum(['offline', 'openai']).optional()),
  HUIYING_OFFLINE_DIMENSIONS: optionalText.pipe(positiveInteger('HUIYING_OFFLINE_DIMENSIONS', 2000).optional()),
  HUIYING_MAX_FILE_MB: optionalText.pipe(positiveInteger('HUIYING_MAX_FILE_MB', 4096).optional()),
  OPENAI_BASE_URL: optionalText.pipe(
    z.string().url('OPENAI_BASE_URL must be a URL such as https://api.openai.com/v1').optional(),
  ),
  OPENAI_API_KEY: optionalText,
  EMBEDDING_MODEL: optionalText,
  EMBEDDING_DIMENSIONS: optionalText.pipe(positiveInteger('EMBEDDING_DIMENSIONS', 2000).optional()),
  CHAT_MODEL: optionalText,
  HUIYING_MODEL_PROVIDER: optionalText.pipe(
    z.enum(['openai', 'langchain'], { message: 'HUIYING_MODEL_PROVIDER must be openai or langchain' }).optional(),
  ),
  HUIYING_STRUCTURED_OUTPUT: optionalText.pipe(
    z
      .enum(['function-calling', 'json-mode', 'json-schema'], {
        message: 'HUIYING_STRUCTURED_OUTPUT must be function-calling, json-mode or json-schema',
      })
      .optional(),
  ),
  HUIYING_LANGCHAIN_MODULE: optionalText,
  HUIYING_SENSITIVE_WORDS_FILE: optionalText,
  HUIYING_OFFICE_NAME: optionalText,
  HUIYING_GUIDANCE_FILE: optionalText,
  HUIYING_JURISDICTION: optionalText.pipe(
    z
      .string()
      .regex(
        /^[\p{Script=Han}]{2,20}(\/[\p{Script=Han}]{2,20}){0,2}$/u,
        "HUIYING_JURISDICTION must be the office's region as 省/市/区县, such as 浙江省/杭州市/建德市",
      )
      .optional(),
  ),
  HUIYING_OFFICE_CONTACTS: optionalText,
  HUIYING_OFFICE_CONTACTS_FILE: optionalText,
  HUIYING_HOST: optionalText,
  HUIYING_PUBLIC_URL: optionalText.pipe(
    z
      .string()
      .regex(
        /^https?:\/\/[^\s/]+(\/[^\s]*)?$/,
        "HUIYING_PUBLIC_URL must be the console's address as people reach it, such as https://huiying.example.gov.cn",
      )
      .optional(),
  ),
  HUIYING_CLIENT_ADDRESS_HEADER: optionalText.pipe(
    z
      .string()
      .toLowerCase()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'HUIYING_CLIENT_ADDRESS_HEADER must be a header name such as x-forwarded-for or x-real-ip',
      )
      .optional(),
  ),
  HUIYING_TRUSTED_PROXIES: optionalText.pipe(
    z
      .string()
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .pipe(
        z.array(
          z.string().refine((address) => isIP(address) !== 0, {
            message: 'HUIYING_TRUSTED_PROXIES must list IP addresses, such as 127.0.0.1,::1',
          }),
        ),
      )
      .optional(),
  ),
  HUIYING_PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'HUIYING_PORT must be a port number')
      .transform(Number)
      .pipe(z.number().max(65_535, 'HUIYING_PORT must be at most 65535'))
      .optional(),
  ),
  HUIYING_HOLIDAYS_FILE: optionalText,
  HUIYING_DEFAULT_UNIT: optionalText,
  HUIYING_ESCALATION_CONTACT: optionalText,
  HUIYING_SEPARATE_APPROVER: optionalText.pipe(
    z.enum(['true', 'false'], { message: 'HUIYING_SEPARATE_APPROVER must be true or false' }).optional(),
  ),
  HUIYING_CITIZEN_QUESTION_WORKING_DAYS: optionalText.pipe(
    positiveInteger('HUIYING_CITIZEN_QUESTION_WORKING_DAYS', 60).optional(),
  ),
  HUIYING_INFORMATION_REQUEST_WORKING_DAYS: optionalText.pipe(
    positiveInteger('HUIYING_INFORMATION_REQUEST_WORKING_DAYS', 60).optional(),
  ),
  HUIYING_MAJOR_RELEASE_HOURS: optionalText.pipe(positiveInteger('HUIYING_MAJOR_RELEASE_HOURS', 72).optional()),
  HUIYING_MAJOR_PRESS_HOURS: optionalText.pipe(positiveInteger('HUIYING_MAJOR_PRESS_HOURS', 168).optional()),
  HUIYING_OPINION_HOURS: optionalText.pipe(positiveInteger('HUIYING_OPINION_HOURS', 720).optional()),
  HUIYING_AUDIT_KEY_FILE: optionalText,
  HUIYING_AUDIT_CHECKPOINT_FILE: optionalText,
  HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN: optionalText.pipe(
    z.enum(['true', 'false'], { message: 'HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN must be true or false' }).optional(),
  ),
  HUIYING_API_REQUESTS_PER_MINUTE: optionalText.pipe(
    positiveInteger('HUIYING_API_REQUESTS_PER_MINUTE', 100_000).optional(),
  ),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_REVIEW_CHANNEL: optionalText,
  HUIYING_SLACK_PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'HUIYING_SLACK_PORT must be a port number')
      .transform(Number)
      .pipe(z.number().max(65_535, 'HUIYING_SLACK_PORT must be at most 65535'))
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z.string().url('SLACK_API_URL must be a URL such as https://slack.com/api/').optional(),
  ),
  DISCORD_BOT_TOKEN: optionalText,
  DISCORD_REVIEW_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^\d{5,25}$/, 'DISCORD_REVIEW_CHANNEL must be a channel id (digits)')
      .optional(),
  ),
  DISCORD_API_URL: optionalText.pipe(
    z.string().url('DISCORD_API_URL must be a URL such as https://discord.com/api').optional(),
  ),
});

/** Every environment variable huiying reads (each is documented in .env.example). */
export const CONFIG_VARIABLES: ReadonlyArray<string> = Object.keys(environmentSchema.shape);

export type EmbedderConfig =
  | { kind: 'offline'; dimensions: number }
  | { kind: 'openai'; baseURL?: string; apiKey: string; model: string; dimensions: number };

/** How a LangChain chat model is asked for structured output (`withStructuredOutput`'s `method`). */
export type StructuredOutputMethod = 'functionCalling' | 'jsonMode' | 'jsonSchema';

/** The drafter's and the triager's model: none (extractive and rules), the openai client, or a LangChain chat model. */
export type ChatModelConfig =
  | { kind: 'extractive' }
  | { kind: 'openai'; baseURL?: string; apiKey: string; model: string }
  | {
      kind: 'langchain';
      baseURL?: string;
      /** Unset only when an office's module brings its own credentials. */
      apiKey?: string;
      model: string;
      structuredOutput: StructuredOutputMethod;
      /** Absolute path of the office's model factory module (HUIYING_LANGCHAIN_MODULE); unset: ChatOpenAI. */
      module?: string;
    };

const STRUCTURED_OUTPUT_METHODS = {
  'function-calling': 'functionCalling',
  'json-mode': 'jsonMode',
  'json-schema': 'jsonSchema',
} as const satisfies Record<string, StructuredOutputMethod>;

export type HuiyingConfig = Readonly<{
  databaseUrl?: string;
  dataDirectory: string;
  embedder: Readonly<EmbedderConfig>;
  chatModel: Readonly<ChatModelConfig>;
  /** A file of words that flag a draft for the reviewer; undefined means the built-in list. */
  sensitiveWordsFile?: string;
  /** The office's own links, e-mail addresses and phone numbers: any other contact in a draft is flagged for the reviewer. */
  officeContacts: ReadonlyArray<string>;
  maxFileBytes: number;
  drafting: Readonly<DraftingConfig>;
  review: Readonly<ReviewConfig>;
  audit: Readonly<AuditConfig>;
  /** Set when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are: `huiying serve` then also runs the Slack surface. */
  slack?: Readonly<SlackConfig>;
  /** Set when DISCORD_BOT_TOKEN and DISCORD_REVIEW_CHANNEL are: `huiying serve` then also runs the Discord surface. */
  discord?: Readonly<DiscordConfig>;
}>;

export type DraftingConfig = {
  /** Who signs public replies (落款). */
  officeName: string;
  /** The office's 办理指引 table (JSON); undefined means the one huiying ships. */
  guidanceFile?: string;
  /** The office's region, highest level first (属地): drafts cite only national documents and this region's. */
  jurisdiction?: ReadonlyArray<string>;
};

export type DiscordConfig = {
  botToken: string;
  /** The channel id where reviewers get drafts with buttons. */
  reviewChannel: string;
  /** The REST base URL; Discord's own unless set (a proxy, or a test's loopback server). */
  apiUrl?: string;
};

export type SlackConfig = {
  botToken: string;
  signingSecret: string;
  /** The channel where reviewers get drafts with buttons. */
  reviewChannel: string;
  /** Where Slack's events, commands and button presses are received (Request URL: http://host:port/slack/events). */
  port: number;
  /** The Web API base URL; Slack's own unless set (a proxy, or a test's loopback server). */
  apiUrl?: string;
};

export type AuditConfig = {
  /** A file holding the key every audit entry is signed with (HMAC); kept outside the database. Unset: no MACs. */
  keyFile?: string;
  /** Where `huiying audit checkpoint` (and `serve`, hourly) appends checkpoints of the log's head, and `verify` reads them. */
  checkpointFile?: string;
};

export type ReviewConfig = {
  host: string;
  port: number;
  /** The console's address as people reach it (behind a reverse proxy, say): links in chat notices; https makes cookies Secure. */
  publicUrl?: string;
  /** Public holidays and swapped working days for working-day deadlines. */
  holidaysFile: string;
  defaultUnit: string;
  escalationContact: string;
  separateApprover: boolean;
  /** Account changes an admin makes in the console wait for another admin's confirmation. @default false */
  adminChangesNeedSecondAdmin: boolean;
  deadlines: DeadlinePolicy;
  apiRequestsPerMinute: number;
  /**
   * Where a request's client address comes from, for the per-address limits: the connection's peer, or behind a
   * reverse proxy the header it sets (`header`), believed only when the peer is one of `trustedProxies`.
   */
  clientAddress: Readonly<{ header?: string; trustedProxies: ReadonlyArray<string> }>;
};

/**
 * Parses the environment once. `.env` in the working directory fills variables that are not already set.
 * Nothing else in huiying reads `process.env`.
 */
export function loadConfig(options: { environment?: NodeJS.ProcessEnv; dotenvPath?: string } = {}): HuiyingConfig {
  const fromFile = readDotenv(options.dotenvPath ?? resolve('.env'));
  const environment = { ...fromFile, ...(options.environment ?? process.env) };
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new HuiyingError({
      code: 'config-invalid',
      message: `Invalid configuration: ${problems}. Fix the variable in your environment or .env (see .env.example).`,
    });
  }
  const values = parsed.data;
  return Object.freeze({
    databaseUrl: values.DATABASE_URL,
    dataDirectory: resolve(values.HUIYING_DATA_DIR ?? DEFAULTS.dataDirectory),
    embedder: Object.freeze(chooseEmbedder(values)),
    chatModel: Object.freeze(chooseChatModel(values)),
    sensitiveWordsFile:
      values.HUIYING_SENSITIVE_WORDS_FILE === undefined ? undefined : resolve(values.HUIYING_SENSITIVE_WORDS_FILE),
    officeContacts: Object.freeze(
      readOfficeContacts(values.HUIYING_OFFICE_CONTACTS, values.HUIYING_OFFICE_CONTACTS_FILE),
    ),
    maxFileBytes: (values.HUIYING_MAX_FILE_MB ?? DEFAULTS.maxFileMegabytes) * 1024 * 1024,
    drafting: Object.freeze({
      officeName: values.HUIYING_OFFICE_NAME ?? DEFAULTS.officeName,
      guidanceFile: values.HUIYING_GUIDANCE_FILE === undefined ? undefined : resolve(values.HUIYING_GUIDANCE_FILE),
      jurisdiction:
        values.HUIYING_JURISDICTION === undefined ? undefined : Object.freeze(values.HUIYING_JURISDICTION.split('/')),
    }),
    review: Object.freeze({
      host: values.HUIYING_HOST ?? DEFAULTS.host,
      port: values.HUIYING_PORT ?? DEFAULTS.port,
      publicUrl: values.HUIYING_PUBLIC_URL?.replace(/\/+$/, ''),
      holidaysFile:
        values.HUIYING_HOLIDAYS_FILE === undefined ? DEFAULT_HOLIDAYS_FILE : resolve(values.HUIYING_HOLIDAYS_FILE),
      defaultUnit: values.HUIYING_DEFAULT_UNIT ?? DEFAULTS.defaultUnit,
      escalationContact: values.HUIYING_ESCALATION_CONTACT ?? DEFAULTS.escalationContact,
      separateApprover: (values.HUIYING_SEPARATE_APPROVER ?? 'true') === 'true',
      adminChangesNeedSecondAdmin: values.HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN === 'true',
      deadlines: Object.freeze({
        ...DEFAULTS.deadlines,
        ...(values.HUIYING_CITIZEN_QUESTION_WORKING_DAYS && {
          citizenQuestionWorkingDays: values.HUIYING_CITIZEN_QUESTION_WORKING_DAYS,
        }),
        ...(values.HUIYING_INFORMATION_REQUEST_WORKING_DAYS && {
          informationRequestWorkingDays: values.HUIYING_INFORMATION_REQUEST_WORKING_DAYS,
        }),
        ...(values.HUIYING_MAJOR_RELEASE_HOURS && { majorReleaseHours: values.HUIYING_MAJOR_RELEASE_HOURS }),
        ...(values.HUIYING_MAJOR_PRESS_HOURS && { majorPressHours: values.HUIYING_MAJOR_PRESS_HOURS }),
        ...(values.HUIYING_OPINION_HOURS && { opinionHours: values.HUIYING_OPINION_HOURS }),
      }),
      apiRequestsPerMinute: values.HUIYING_API_REQUESTS_PER_MINUTE ?? DEFAULTS.rateLimits.apiRequestsPerMinute,
      clientAddress: Object.freeze({
        header: values.HUIYING_CLIENT_ADDRESS_HEADER,
        trustedProxies: Object.freeze(values.HUIYING_TRUSTED_PROXIES ?? [...DEFAULTS.trustedProxies]),
      }),
    }),
    audit: Object.freeze({
      keyFile: values.HUIYING_AUDIT_KEY_FILE === undefined ? undefined : resolve(values.HUIYING_AUDIT_KEY_FILE),
      checkpointFile:
        values.HUIYING_AUDIT_CHECKPOINT_FILE === undefined ? undefined : resolve(values.HUIYING_AUDIT_CHECKPOINT_FILE),
    }),
    slack: chooseSlack(values),
    discord: chooseDiscord(values),
  });
}

function chooseEmbedder(values: z.infer<typeof environmentSchema>): EmbedderConfig {
  const wantsOpenAI =
    values.HUIYING_EMBEDDER === 'openai' ||
    (values.HUIYING_EMBEDDER === undefined && values.EMBEDDING_MODEL !== undefined);
  if (!wantsOpenAI) {
    return { kind: 'offline', dimensions: values.HUIYING_OFFLINE_DIMENSIONS ?? DEFAULTS.offlineEmbeddingDimensions };
  }
  const missing = [
    values.EMBEDDING_MODEL === undefined ? 'EMBEDDING_MODEL' : undefined,
    values.EMBEDDING_DIMENSIONS === undefined ? 'EMBEDDING_DIMENSIONS' : undefined,
    values.OPENAI_API_KEY === undefined && values.OPENAI_BASE_URL === undefined
      ? 'OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)'
      : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `The OpenAI-compatible embedder needs ${missing.join(', ')}. Set them, or set HUIYING_EMBEDDER=offline to use the built-in embedder.`,
    });
  }
  return {
    kind: 'openai',
    baseURL: values.OPENAI_BASE_URL,
    apiKey: values.OPENAI_API_KEY ?? 'not-needed',
    model: values.EMBEDDING_MODEL!,
    dimensions: values.EMBEDDING_DIMENSIONS!,
  };
}

function chooseSlack(values: z.infer<typeof environmentSchema>): Readonly<SlackConfig> | undefined {
  const wanted = [values.SLACK_BOT_TOKEN, values.SLACK_SIGNING_SECRET, values.SLACK_REVIEW_CHANNEL];
  if (wanted.every((value) => value === undefined)) return undefined;
  const missing = [
    values.SLACK_BOT_TOKEN === undefined ? 'SLACK_BOT_TOKEN' : undefined,
    values.SLACK_SIGNING_SECRET === undefined ? 'SLACK_SIGNING_SECRET' : undefined,
    values.SLACK_REVIEW_CHANNEL === undefined ? 'SLACK_REVIEW_CHANNEL' : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `The Slack surface needs ${missing.join(', ')} as well. Set them (see .env.example), or unset the Slack variables to run without Slack.`,
    });
  }
  return Object.freeze({
    botToken: values.SLACK_BOT_TOKEN!,
    signingSecret: values.SLACK_SIGNING_SECRET!,
    reviewChannel: values.SLACK_REVIEW_CHANNEL!,
    port: values.HUIYING_SLACK_PORT ?? DEFAULTS.slackPort,
    apiUrl: values.SLACK_API_URL,
  });
}

function chooseDiscord(values: z.infer<typeof environmentSchema>): Readonly<DiscordConfig> | undefined {
  if (values.DISCORD_BOT_TOKEN === undefined && values.DISCORD_REVIEW_CHANNEL === undefined) return undefined;
  if (values.DISCORD_BOT_TOKEN === undefined || values.DISCORD_REVIEW_CHANNEL === undefined) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `The Discord surface needs both DISCORD_BOT_TOKEN and DISCORD_REVIEW_CHANNEL (${values.DISCORD_BOT_TOKEN === undefined ? 'DISCORD_BOT_TOKEN' : 'DISCORD_REVIEW_CHANNEL'} is missing). Set it, or unset the other to run without Discord.`,
    });
  }
  return Object.freeze({
    botToken: values.DISCORD_BOT_TOKEN,
    reviewChannel: values.DISCORD_REVIEW_CHANNEL,
    apiUrl: values.DISCORD_API_URL,
  });
}

function chooseChatModel(values: z.infer<typeof environmentSchema>): ChatModelConfig {
  const provider = values.HUIYING_MODEL_PROVIDER ?? DEFAULTS.modelProvider;
  const langchainOnly = [
    values.HUIYING_STRUCTURED_OUTPUT === undefined ? undefined : 'HUIYING_STRUCTURED_OUTPUT',
    values.HUIYING_LANGCHAIN_MODULE === undefined ? undefined : 'HUIYING_LANGCHAIN_MODULE',
  ].filter((name) => name !== undefined);
  if (provider !== 'langchain' && langchainOnly.length > 0) {
    throw new HuiyingError({
      code: 'config-invalid',
      message: `${langchainOnly.join(' and ')} apply only to the LangChain provider. Set HUIYING_MODEL_PROVIDER=langchain (and CHAT_MODEL), or unset ${langchainOnly.join(' and ')}.`,
    });
  }
  if (values.CHAT_MODEL === undefined) {
    if (provider !== 'langchain') return { kind: 'extractive' };
    throw new HuiyingError({
      code: 'config-invalid',
      message:
        'HUIYING_MODEL_PROVIDER=langchain needs CHAT_MODEL, the name of the model to draft and triage with. Set it, or unset HUIYING_MODEL_PROVIDER to use the built-in extractive drafter.',
    });
  }
  const module = values.HUIYING_LANGCHAIN_MODULE === undefined ? undefined : resolve(values.HUIYING_LANGCHAIN_MODULE);
  // An office's own module may bring its own credentials; ChatOpenAI and the openai client need an endpoint.
  if (module === undefined && values.OPENAI_API_KEY === undefined && values.OPENAI_BASE_URL === undefined) {
    throw new HuiyingError({
      code: 'config-invalid',
      message:
        'CHAT_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is. Set them, or unset CHAT_MODEL to use the built-in extractive drafter.',
    });
  }
  if (provider === 'langchain') {
    return {
      kind: 'langchain',
      baseURL: values.OPENAI_BASE_URL,
      apiKey: values.OPENAI_API_KEY ?? (module === undefined ? 'not-needed' : undefined),
      model: values.CHAT_MODEL,
      structuredOutput: STRUCTURED_OUTPUT_METHODS[values.HUIYING_STRUCTURED_OUTPUT ?? DEFAULTS.structuredOutput],
      module,
    };
  }
  return {
    kind: 'openai',
    baseURL: values.OPENAI_BASE_URL,
    apiKey: values.OPENAI_API_KEY ?? 'not-needed',
    model: values.CHAT_MODEL,
  };
}

// HUIYING_OFFICE_CONTACTS lists contacts separated by commas or semicolons (a number may hold spaces); the file holds
// one a line (# comments).
function readOfficeContacts(listed: string | undefined, file: string | undefined): string[] {
  const entries = (listed ?? '').split(/[,，;；\n]+/);
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (error) {
      throw new HuiyingError({
        code: 'config-invalid',
        message: `Cannot read HUIYING_OFFICE_CONTACTS_FILE ${file}: ${(error as Error).message}. Fix the path, or unset it.`,
        cause: error,
      });
    }
    for (const line of text.split('\n')) if (!line.trim().startsWith('#')) entries.push(line.trim());
  }
  return [...new Set(entries.map((entry) => entry.trim()).filter((entry) => entry !== ''))];
}

function readDotenv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseDotenv(readFileSync(path));
}
