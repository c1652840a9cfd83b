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
} as const;

export type Defaults = typeof DEFAULTS;
