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

/** Every default huiying uses, in one place. Environment variables override them (see .env.example). */
export const DEFAULTS = {
  dataDirectory: './data',
  offlineEmbeddingDimensions: 256,
  embeddingBatchSize: 64,
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
  host: '127.0.0.1',
  port: 3000,
  defaultUnit: '市政府办公室',
  escalationContact: '市政府值班室',
  apiRequestsPerMinute: 60,
  slackPort: 3001,
  deadlines: DEFAULT_DEADLINE_POLICY,
  questionBank: DEFAULT_QUESTION_BANK,
  /**
   * PGlite's shared buffers by workload. 512MB holds a national-size index (about 380MB with its indexes), so
   * searches do not read pages; a short command needs little and starts in a third of the memory (measured:
   * RSS 748MB at 512MB, 341MB at 128MB, 202MB at 16MB, for opening an empty database).
   */
  pgliteSharedBuffers: { server: '512MB', command: '32MB' },
} as const;

export type Defaults = typeof DEFAULTS;
