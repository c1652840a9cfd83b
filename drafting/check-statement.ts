import { DEFAULTS } from '../config/defaults.ts';
import { HuiyingError } from '../config/huiying-error.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { prefetchEmbeddings } from '../embed/prefetched-embedder.ts';
import { expandQuery } from '../retrieval/expand-query.ts';
import { formatCitation } from '../retrieval/format-citation.ts';
import { hybridSearch, type SearchResult } from '../retrieval/hybrid-search.ts';
import type { SearchFilters } from '../retrieval/search-filters.ts';
import { splitStatement, type StatementSentence } from '../text/split-statement.ts';
import { checkSentence, type SentenceProblem, type SentenceStatus } from './check-sentence.ts';
import { flagContacts } from './flag-contacts.ts';
import { quotePassage } from './quote-passage.ts';

/** The passage a sentence was checked against: its citation, the words of it that bear on the sentence, its id. */
export type StatementCitation = { citation: string; quote: string; chunkId: number };

/** One sentence of a statement as checked: where it stands, its status, the passage it rests on and what is wrong. */
export type CheckedSentence = StatementSentence & {
  status: SentenceStatus;
  citations: StatementCitation[];
  problems: SentenceProblem[];
  /** A courtesy line (您好, 特此公告) that states nothing a source must carry. */
  formula?: true;
};

export type StatementCheck = { sentences: CheckedSentence[] };

// Courtesy lines of official writing that state no fact; with a fact or a contact in them they are checked as usual.
const COURTESY =
  /^(?:您好|你好|各位[\p{Script=Han}]{1,8}|尊敬的[\p{Script=Han}]{1,12}|感谢[^。！]{0,30}(?:关注|关心|支持|理解|来信|咨询)|特此(?:公告|通告|通知|说明|函复|答复)|现(?:将|就)?(?:有关)?(?:情况)?(?:说明|通报|答复|公告)如下|如需进一步了解[^。！]{0,20}|如有(?:疑问|问题)[^。！]{0,30}(?:咨询|联系)|欢迎[^。！]{0,20}(?:咨询|监督))[。！!：:，,]*$/u;
const STATUS_ORDER: Record<SentenceStatus, number> = { supported: 2, mismatch: 1, unsupported: 0 };
// Below this share of its words in the nearest passage, that passage is not what the sentence restates at all.
const NEAREST_COVERAGE = 0.25;
// Passages whose share of the sentence's words differs by less than this are equally close to it.
const EQUALLY_CLOSE = 0.05;
// Searches at once: a server answers them in parallel; PGlite queues them.
const CONCURRENT_SEARCHES = 4;

/**
 * 核稿: checks a statement someone wrote against the knowledge base. It is split into sentences; for each, hybrid
 * search finds passages in current, valid documents (the filters add jurisdiction and the like), every candidate is
 * checked with the one sentence checker (`checkSentence`: numbers, dates, 文号, articles, titles, negation, contacts,
 * word overlap), and the passage the sentence restates is reported: the one holding most of its words (among those
 * about as close, one that supports it). Past answers (the question bank) are not consulted: a statement is checked against the
 * published record alone.
 */
export async function checkStatement(options: {
  database: Database;
  embedder: Embedder;
  text: string;
  filters?: SearchFilters;
  /** The office's own contacts, which a statement may give though no passage carries them. @default none */
  officeContacts?: ReadonlyArray<string>;
  /** @default DEFAULTS.statementCheck.passagesPerSentence */
  passagesPerSentence?: number;
}): Promise<StatementCheck> {
  const sentences = splitStatement(options.text);
  requireCheckable(options.text, sentences.length);
  // hybridSearch embeds the query with its expansion terms; the same texts fetched in one request up front.
  const embedder = await prefetchEmbeddings(
    options.embedder,
    sentences.map((sentence) => searchText(sentence.text)),
  );
  const limit = options.passagesPerSentence ?? DEFAULTS.statementCheck.passagesPerSentence;
  const checked: CheckedSentence[] = new Array(sentences.length);
  let next = 0;
  const work = async () => {
    while (next < sentences.length) {
      const index = next++;
      const sentence = sentences[index]!;
      const results = COURTESY.test(sentence.text)
        ? []
        : await hybridSearch({
            database: options.database,
            embedder,
            query: sentence.text,
            limit,
            filters: options.filters,
            questionBank: false,
          });
      checked[index] = checkAgainst(sentence, results, options.officeContacts ?? []);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_SEARCHES, sentences.length) }, work));
  return { sentences: checked };
}

/** Whether every sentence of a check is supported (the exit code of `huiying check`, `allSupported` in the API). */
export function allSupported(check: StatementCheck): boolean {
  return check.sentences.every((sentence) => sentence.status === 'supported');
}

function requireCheckable(text: string, sentences: number): void {
  const { maxCharacters, maxSentences } = DEFAULTS.statementCheck;
  const fail = (message: string, details: Record<string, unknown>) =>
    new HuiyingError({ code: 'statement-invalid', message, details });
  if (sentences === 0) throw fail('待核对的文稿为空：请粘贴要发布的文字。', { problem: 'empty' });
  if (text.length > maxCharacters)
    throw fail(`文稿共 ${text.length} 字，一次最多核对 ${maxCharacters} 字：请分段核对。`, {
      problem: 'too-long',
      characters: text.length,
      limit: maxCharacters,
    });
  if (sentences > maxSentences)
    throw fail(`文稿共 ${sentences} 句，一次最多核对 ${maxSentences} 句：请分段核对。`, {
      problem: 'too-many-sentences',
      sentences,
      limit: maxSentences,
    });
}

function searchText(query: string): string {
  const { expansionText } = expandQuery(query);
  return expansionText ? `${query}\n${expansionText}` : query;
}

function checkAgainst(
  sentence: StatementSentence,
  results: ReadonlyArray<SearchResult>,
  officeContacts: ReadonlyArray<string>,
): CheckedSentence {
  if (results.length === 0) {
    const check = checkSentence({ text: sentence.text, sources: [], formula: COURTESY.test(sentence.text) });
    const problems = withoutOfficeContacts(check.problems, officeContacts);
    return {
      ...sentence,
      status: statusOf(problems),
      citations: [],
      problems,
      ...(problems.length === 0 && { formula: true as const }),
    };
  }
  let best: { result: SearchResult; status: SentenceStatus; problems: SentenceProblem[]; coverage: number } | undefined;
  for (const result of results) {
    const check = checkSentence({ text: sentence.text, sources: [`${formatCitation(result)}\n${result.content}`] });
    const problems = withoutOfficeContacts(check.problems, officeContacts);
    const candidate = {
      result,
      status: statusOf(problems),
      problems,
      coverage: check.overlap.terms === 0 ? 0 : check.overlap.covered / check.overlap.terms,
    };
    if (!best || better(candidate, best)) best = candidate;
  }
  if (best!.coverage < NEAREST_COVERAGE) {
    const problems = withoutOfficeContacts(
      checkSentence({ text: sentence.text, sources: [] }).problems,
      officeContacts,
    );
    return { ...sentence, status: statusOf(problems), citations: [], problems };
  }
  const { result } = best!;
  return {
    ...sentence,
    status: best!.status,
    citations: [
      { citation: formatCitation(result), quote: quotePassage(result.content, sentence.text), chunkId: result.chunkId },
    ],
    problems: best!.problems,
  };
}

type Candidate = { status: SentenceStatus; problems: SentenceProblem[]; coverage: number };

// The passage a sentence restates is the one holding most of its words; only among passages about as close as that
// does the one that supports it win (a sentence with a flipped 不 or a changed number is checked against the passage
// it was taken from, not passed by a looser one that happens to share half its words).
function better(candidate: Candidate, best: Candidate): boolean {
  if (Math.abs(candidate.coverage - best.coverage) > EQUALLY_CLOSE) return candidate.coverage > best.coverage;
  if (STATUS_ORDER[candidate.status] !== STATUS_ORDER[best.status])
    return STATUS_ORDER[candidate.status] > STATUS_ORDER[best.status];
  if (Math.abs(candidate.coverage - best.coverage) > 1e-9) return candidate.coverage > best.coverage;
  return candidate.problems.length < best.problems.length;
}

// A contact the office lists as its own may stand in a statement though no passage carries it.
function withoutOfficeContacts(
  problems: ReadonlyArray<SentenceProblem>,
  officeContacts: ReadonlyArray<string>,
): SentenceProblem[] {
  if (officeContacts.length === 0) return [...problems];
  return problems.filter(
    (problem) => problem.kind !== 'contact' || flagContacts([problem.text], officeContacts).length > 0,
  );
}

function statusOf(problems: ReadonlyArray<SentenceProblem>): SentenceStatus {
  if (problems.length === 0) return 'supported';
  return problems.some((problem) => problem.kind === 'no-source') ? 'unsupported' : 'mismatch';
}
