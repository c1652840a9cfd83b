/** How long each kind of case may take. Defaults in DEFAULTS.deadlines; each value is configurable. */
export type DeadlinePolicy = {
  /** 重大/特别重大 opinion items: authoritative information within this many hours (国办发〔2016〕61号: 5). */
  majorReleaseHours: number;
  /** ... and a press release or conference within this many hours (61号: 24). */
  majorPressHours: number;
  /** Other opinion items touching people's interests: respond within this many hours (61号: 48). */
  opinionHours: number;
  /** Information requests: answer within this many working days (政府信息公开条例 第三十三条: 20). */
  informationRequestWorkingDays: number;
  /** Ordinary citizens' questions: answer within this many working days. */
  citizenQuestionWorkingDays: number;
  /** Remind reviewers once this share of the time allowed has passed. */
  reminderAt: number;
};

const DEFAULT_DEADLINE_POLICY = {
  majorReleaseHours: 5,
  majorPressHours: 24,
  opinionHours: 48,
  informationRequestWorkingDays: 20,
  citizenQuestionWorkingDays: 5,
  reminderAt: 0.8,
} as const satisfies DeadlinePolicy;

/** Every default huiying uses, in one place. Environment variables override them (see .env.example). */
export const DEFAULTS = {
  dataDirectory: './data',
  offlineEmbeddingDimensions: 256,
  embeddingBatchSize: 64,
  /** The drafter's and triager's client when CHAT_MODEL is set: the openai package, or LangChain. */
  modelProvider: 'openai',
  /** How the LangChain provider asks for structured output; function calling is what most endpoints support. */
  structuredOutput: 'function-calling',
  modelMaxRetries: 4,
  requestTimeoutMs: 30_000,
  maxFileMegabytes: 50,
  fetchTimeoutMs: 20_000,
  chunkMaxChars: 900,
  chunkTargetChars: 500,
  chunkOverlapChars: 80,
  searchLimit: 10,
  searchCandidates: 40,
  /** Searches made from the corpus that `huiying serve` runs at start (and the bench before timing). */
  warmUpSearches: 100,
  /** How long a worker holds a case it drafts before another worker may take it over (it died): model calls included. */
  draftClaimSeconds: 300,
  /** How long a case whose drafting failed waits before a worker tries it again. */
  draftRetrySeconds: 10,
  host: '127.0.0.1',
  port: 3000,
  defaultUnit: '市政府办公室',
  escalationContact: '市政府值班室',
  apiRequestsPerMinute: 60,
  slackPort: 3001,
  deadlines: DEFAULT_DEADLINE_POLICY,
  /**
   * PGlite's shared buffers by workload. 512MB holds a national-size index (about 380MB with its indexes), so
   * searches do not read pages; a short command needs little and starts in a third of the memory (measured:
   * RSS 748MB at 512MB, 341MB at 128MB, 202MB at 16MB, for opening an empty database).
   */
  pgliteSharedBuffers: { server: '512MB', command: '32MB' },
} as const;

export type Defaults = typeof DEFAULTS;
