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

/**
 * How past approved answers inform retrieval (retrieval/fuse-question-bank.ts). Calibrated by two-fold
 * cross-validation on ../shared/eval/dev.jsonl with the offline embedder (README, "Measured"); scores are on the scale
 * of reciprocal rank fusion, where the keyword list's first place scores 1/61 and its fortieth 1/100.
 */
export type QuestionBankSettings = {
  /** Past questions consulted for each new one. */
  neighbours: number;
  /** Every candidate in a cited document gains this times the summed weight of the past questions citing it... */
  documentWeight: number;
  /** ... when at least this many of them cite it. */
  documentAgreement: number;
  /** A cited passage the searches did not find enters as if found at this keyword rank... */
  entryRank: number;
  /** ... plus this times the summed weight of the past questions citing it. */
  passageWeight: number;
  /** A past answer's weight halves every this many days since it was posted. */
  halfLifeDays: number;
  /** The closest past answer is shown to the reviewer when its question is at least this similar (cosine). */
  showSimilarAnswerFrom: number;
};

const DEFAULT_QUESTION_BANK = {
  neighbours: 20,
  documentWeight: 0.006,
  documentAgreement: 2,
  entryRank: 40,
  passageWeight: 0.015,
  halfLifeDays: 730,
  showSimilarAnswerFrom: 0.5,
} as const satisfies QuestionBankSettings;
/** How often the review worker runs each job when nothing kicks it (a new inquiry, an approval). */
export type WorkerIntervals = {
  /** Draft received cases (and retry drafts that failed). */
  draftMs: number;
  /** Deliver approved answers that are due (first attempts and retries after their backoff). */
  deliverMs: number;
  /** Send deadline reminders and escalations. */
  sweepMs: number;
  /** While the database is unreachable, a job waits 1 s, 2 s, 4 s ... up to this long between runs. */
  outageRetryMaxMs: number;
};

/** How the outbox delivers an approved answer and retries one that failed. */
export type OutboxPolicy = {
  /** Attempts before a delivery is marked failed and shown to approvers (who can put it back in the queue). */
  maxAttempts: number;
  /** Wait before the first retry; each later wait doubles (2 s, 4 s, 8 s ...) up to `maxRetrySeconds`. */
  firstRetrySeconds: number;
  maxRetrySeconds: number;
  /** How long a worker holds a claimed item before another worker may try it. */
  claimSeconds: number;
  /** Items one delivery run handles at most, so a long queue does not hold up the worker's other jobs. */
  itemsPerRun: number;
};

/** Requests per minute the console accepts, each counted per key or per address. */
export type RateLimits = {
  /** Per API key (HUIYING_API_REQUESTS_PER_MINUTE). */
  apiRequestsPerMinute: number;
  /**
   * Per address on the public form: generous, since during an incident many citizens ask at once, often behind one
   * carrier-grade NAT address.
   */
  publicFormPerMinute: number;
  /**
   * Sign-in attempts per address, counted when they start; a successful one is given back, so people sharing an
   * address sign in freely, while one address guessing across many usernames is stopped.
   */
  failedSignInsPerMinute: number;
  /** Sign-in attempts per username, from any address, counted the same way: guessing one account's password is stopped. */
  failedSignInsPerUsernamePerMinute: number;
};

/** How the chat surfaces talk to their platforms. */
export type ChatClientDefaults = {
  /** Retries of a failed Slack or Discord API call, inside one attempt of the outbox. */
  retries: number;
  /** A Slack API call gives up after this long, so a Slack that hangs does not hold up the worker. */
  slackRequestTimeoutMs: number;
  /** Discord must say it is ready within this long after login, or the console's start-up stops with the reason. */
  discordReadyTimeoutMs: number;
};

const WORKER_INTERVALS = {
  draftMs: 10_000,
  deliverMs: 2_000,
  sweepMs: 60_000,
  outageRetryMaxMs: 30_000,
} as const satisfies WorkerIntervals;

const OUTBOX_POLICY = {
  maxAttempts: 8,
  firstRetrySeconds: 2,
  maxRetrySeconds: 600,
  claimSeconds: 60,
  itemsPerRun: 100,
} as const satisfies OutboxPolicy;

const RATE_LIMITS = {
  apiRequestsPerMinute: 60,
  publicFormPerMinute: 30,
  failedSignInsPerMinute: 30,
  failedSignInsPerUsernamePerMinute: 10,
} as const satisfies RateLimits;

const CHAT_CLIENTS = {
  retries: 2,
  slackRequestTimeoutMs: 15_000,
  discordReadyTimeoutMs: 30_000,
} as const satisfies ChatClientDefaults;

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
  /**
   * A zipped document (.docx) may unpack to at most this share of HUIYING_MAX_FILE_MB in the parts that are read:
   * parsing Word XML takes about 45 bytes of memory per byte (HTML about 25), so at half the limit a .docx costs
   * about what an HTML page at the limit does (README, "Ingest").
   */
  unzippedShareOfFileLimit: 0.5,
  /** Most entries a zipped document may list; a real .docx has tens to a few hundred. */
  maxZipEntries: 10_000,
  /** Most passages one document may split into; the largest statute in the development corpus has about 800. */
  maxPassagesPerDocument: 20_000,
  fetchTimeoutMs: 20_000,
  chunkMaxChars: 900,
  chunkTargetChars: 500,
  chunkOverlapChars: 80,
  searchLimit: 10,
  searchCandidates: 40,
  /** Searches made from the corpus that `huiying serve` runs at start (and the bench before timing). */
  warmUpSearches: 100,
  /** Inquiries `huiying bench --workers` receives at once for each number of workers (its --burst). */
  benchWorkerBurst: 200,
  /** How long a worker holds a case it drafts before another worker may take it over (it died): model calls included. */
  draftClaimSeconds: 300,
  /** How long a case whose drafting failed waits before a worker tries it again. */
  draftRetrySeconds: 10,
  host: '127.0.0.1',
  port: 3000,
  /** Reverse proxies whose client-address header is believed (with HUIYING_CLIENT_ADDRESS_HEADER): this machine. */
  trustedProxies: ['127.0.0.1', '::1'],
  defaultUnit: '市政府办公室',
  /** Who signs a public reply (落款) unless HUIYING_OFFICE_NAME says. */
  officeName: '市人民政府办公室',
  escalationContact: '市政府值班室',
  slackPort: 3001,
  deadlines: DEFAULT_DEADLINE_POLICY,
  questionBank: DEFAULT_QUESTION_BANK,
  workerIntervals: WORKER_INTERVALS,
  outbox: OUTBOX_POLICY,
  rateLimits: RATE_LIMITS,
  chatClients: CHAT_CLIENTS,
  /**
   * 核稿: the largest statement checked at once (a long press release has about 3,000 characters), and how many of
   * the passages search finds for a sentence are checked against it (the best of them is reported).
   */
  statementCheck: { maxCharacters: 20_000, maxSentences: 400, passagesPerSentence: 5 },
  /** Most sources one draft version may list (a reviewer adds passages from the case page's search). */
  maxSourcesPerVersion: 30,
  /**
   * PGlite's shared buffers by workload. 512MB holds a national-size index (about 380MB with its indexes), so
   * searches do not read pages; a short command needs little and starts in a third of the memory (measured:
   * RSS 748MB at 512MB, 341MB at 128MB, 202MB at 16MB, for opening an empty database).
   */
  pgliteSharedBuffers: { server: '512MB', command: '32MB' },
} as const;

export type Defaults = typeof DEFAULTS;
