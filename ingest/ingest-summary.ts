import type { SourceProblem } from './discover-sources.ts';

/** What an ingest run did. */
export type IngestSummary = {
  scanned: number;
  added: number;
  updated: number;
  unchanged: number;
  restored: number;
  withdrawn: number;
  superseded: number;
  chunks: number;
  failed: SourceProblem[];
  seconds: number;
  /** Where the time went: reading and preparing (parse, chunk, embed), writing, and index upkeep afterwards. */
  phases: { prepareSeconds: number; writeSeconds: number; finishSeconds: number };
  /** .jsonl and .csv files found: question banks, for the question bank's importer (not indexed as documents). */
  questionBanks: string[];
};
