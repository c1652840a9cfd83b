import type { Queryable } from '../db/database.ts';
import { bankRevision, loadActiveBankEntries, type BankEntry } from '../ingest/question-bank-queries.ts';
import { expandQuery, type QueryTerm } from './expand-query.ts';

/** A past question like the new one: its entry, how alike the two questions are (cosine, 0–1), and that times its age decay. */
export type BankNeighbour = { entry: BankEntry; similarity: number; weight: number };

type TermVector = Map<string, number>;

type BankIndex = {
  revision: string;
  entries: BankEntry[];
  vectors: TermVector[];
  norms: number[];
  postings: Map<string, Array<{ index: number; weight: number }>>;
  documentFrequency: Map<string, number>;
};

// One index per database handle, rebuilt only when the bank's revision changes (a write anywhere bumps it), so a
// search costs one small query, not a read of the whole bank.
const indexes = new WeakMap<object, BankIndex>();

const DAY_MS = 86_400_000;

/**
 * The past questions most like this one, by cosine similarity of their terms weighted by rarity among the bank's own
 * questions (lay wording against lay wording: a word every asker uses, 怎么 or 单位, says little), each weighed down by
 * age: its weight halves every `halfLifeDays`.
 */
export async function findSimilarQuestions(
  database: Queryable,
  options: {
    question: string;
    limit: number;
    halfLifeDays: number;
    asOf?: Date;
    /** The bank's revision, when the caller read it already; otherwise it is read here. */
    revision?: string;
  },
): Promise<BankNeighbour[]> {
  return neighboursIn(await bankIndex(database, options.revision), options);
}

/**
 * findSimilarQuestions on the index this process holds, without reading the database: undefined when it holds none
 * for this handle. The caller compares `revision` with the bank's (hybridSearch reads it in its first statement) and
 * asks findSimilarQuestions again when they differ.
 */
export function cachedSimilarQuestions(
  database: Queryable,
  options: { question: string; limit: number; halfLifeDays: number; asOf?: Date },
): { revision: string; neighbours: BankNeighbour[] } | undefined {
  const index = indexes.get(database);
  return index && { revision: index.revision, neighbours: neighboursIn(index, options) };
}

function neighboursIn(
  index: BankIndex,
  options: { question: string; limit: number; halfLifeDays: number; asOf?: Date },
): BankNeighbour[] {
  if (index.entries.length === 0) return [];
  const query = termVector(expandQuery(options.question).terms, index);
  const queryNorm = norm(query);
  if (queryNorm === 0) return [];
  const dots = new Map<number, number>();
  for (const [term, weight] of query) {
    for (const posting of index.postings.get(term) ?? [])
      dots.set(posting.index, (dots.get(posting.index) ?? 0) + weight * posting.weight);
  }
  const asOf = (options.asOf ?? new Date()).getTime();
  return [...dots]
    .map(([entryIndex, dot]) => {
      const entry = index.entries[entryIndex]!;
      const similarity = dot / (queryNorm * index.norms[entryIndex]!);
      const ageDays = Math.max(0, (asOf - entry.postedAt.getTime()) / DAY_MS);
      return { entry, similarity, weight: similarity * 0.5 ** (ageDays / options.halfLifeDays) };
    })
    .sort((left, right) => right.weight - left.weight || left.entry.id - right.entry.id)
    .slice(0, options.limit);
}

async function bankIndex(database: Queryable, known?: string): Promise<BankIndex> {
  const revision = known ?? (await bankRevision(database));
  const cached = indexes.get(database);
  if (cached?.revision === revision) return cached;
  const entries = await loadActiveBankEntries(database);
  const documentFrequency = new Map<string, number>();
  const termsOf = entries.map((entry) => expandQuery(entry.question).terms);
  for (const terms of termsOf)
    for (const term of new Set(terms.map((entry) => entry.term)))
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const partial = { entries, documentFrequency };
  const vectors = termsOf.map((terms) => termVector(terms, partial));
  const postings = new Map<string, Array<{ index: number; weight: number }>>();
  vectors.forEach((vector, index) => {
    for (const [term, weight] of vector) {
      const list = postings.get(term);
      if (list) list.push({ index, weight });
      else postings.set(term, [{ index, weight }]);
    }
  });
  const built = { revision, entries, vectors, norms: vectors.map(norm), postings, documentFrequency };
  indexes.set(database, built);
  return built;
}

// The question's terms (a colloquial word's legal terms at their lower weight) times their rarity in the bank (BM25's
// IDF: a term no past question has weighs most, so a question with many new words matches none of them closely).
function termVector(
  terms: ReadonlyArray<QueryTerm>,
  index: Pick<BankIndex, 'entries' | 'documentFrequency'>,
): TermVector {
  const entries = index.entries.length;
  const vector: TermVector = new Map();
  for (const { term, weight } of terms) {
    const frequency = index.documentFrequency.get(term) ?? 0;
    const rarity = Math.log(1 + (entries - frequency + 0.5) / (frequency + 0.5));
    vector.set(term, Math.max(vector.get(term) ?? 0, weight * rarity));
  }
  return vector;
}

function norm(vector: TermVector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}
