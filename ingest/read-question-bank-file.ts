import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { HuiyingError } from '../config/huiying-error.ts';
import { decodeText } from './decode-text.ts';

/** One question and its approved answer from an office's FAQ or Q&A bank, with what the answer cites. */
export type QuestionBankRow = {
  line: number;
  question: string;
  answer: string;
  /** 《title》第X条, 《title》, or a document's path (relative to the bank file's folder). */
  cites: string[];
  /** When the answer was published, if the file says (YYYY-MM-DD). */
  postedAt?: string;
};

export type QuestionBankFile = { rows: QuestionBankRow[]; problems: Array<{ line: number; reason: string }> };

// Column names an office's spreadsheet may use, English or Chinese.
const COLUMNS = {
  question: ['question', '问题', '提问', '咨询内容', '来信内容'],
  answer: ['answer', '答复', '答案', '回答', '答复内容', '回复'],
  cites: ['cites', 'cite', 'citations', 'sources', '依据', '政策依据', '引用', '出处'],
  postedAt: ['posted_at', 'date', '发布日期', '答复日期', '日期'],
} as const;
const MAX_FIELD = 20_000;

/**
 * Reads a question bank: JSON Lines (one object a line with question, answer, optional cites and posted_at) or CSV
 * with a header row (question/问题, answer/答复, optional cites/依据 with several cites separated by ； or |, and
 * posted_at/发布日期), in UTF-8 or GBK as spreadsheets save it. A malformed row is reported with its line number and
 * the rest are kept.
 */
export function readQuestionBankFile(path: string, options: { maxBytes: number }): QuestionBankFile {
  let bytes: Buffer;
  try {
    if (statSync(path).size > options.maxBytes)
      throw new HuiyingError({
        code: 'source-too-large',
        message: `${path} is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB; split it or raise HUIYING_MAX_FILE_MB.`,
      });
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof HuiyingError) throw error;
    throw new HuiyingError({
      code: 'question-bank-invalid',
      message: `Cannot read the question bank ${path}.`,
      cause: error,
    });
  }
  const { text } = decodeText(bytes, { source: path });
  return extname(path).toLowerCase() === '.csv' ? fromCsv(text) : fromJsonLines(text);
}

function fromJsonLines(text: string): QuestionBankFile {
  const file: QuestionBankFile = { rows: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      file.problems.push({ line, reason: 'not valid JSON; each line must be one JSON object' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      file.problems.push({ line, reason: 'not a JSON object' });
      return;
    }
    const record = value as Record<string, unknown>;
    const pick = (names: ReadonlyArray<string>) => names.map((name) => record[name]).find((item) => item !== undefined);
    const cites = pick(COLUMNS.cites);
    accept(file, line, {
      question: pick(COLUMNS.question),
      answer: pick(COLUMNS.answer),
      cites: Array.isArray(cites) ? cites : cites === undefined || cites === null ? [] : [cites],
      postedAt: pick(COLUMNS.postedAt),
    });
  });
  return file;
}

function fromCsv(text: string): QuestionBankFile {
  const file: QuestionBankFile = { rows: [], problems: [] };
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  const column = (names: ReadonlyArray<string>) =>
    header?.fields.findIndex((name) => names.includes(name.trim().toLowerCase())) ?? -1;
  const columns = {
    question: column(COLUMNS.question),
    answer: column(COLUMNS.answer),
    cites: column(COLUMNS.cites),
    postedAt: column(COLUMNS.postedAt),
  };
  if (!header || columns.question < 0 || columns.answer < 0) {
    file.problems.push({
      line: header?.line ?? 1,
      reason: 'the first row must name the columns, with at least question (问题) and answer (答复)',
    });
    return file;
  }
  for (const record of records) {
    if (record.fields.every((field) => field.trim() === '')) continue;
    if (record.unterminated) {
      file.problems.push({ line: record.line, reason: 'a quoted field is never closed' });
      continue;
    }
    const field = (index: number) => (index < 0 ? undefined : record.fields[index]);
    accept(file, record.line, {
      question: field(columns.question),
      answer: field(columns.answer),
      cites: (field(columns.cites) ?? '').split(/[；;|\n]/),
      postedAt: field(columns.postedAt) || undefined,
    });
  }
  return file;
}

function accept(
  file: QuestionBankFile,
  line: number,
  row: { question: unknown; answer: unknown; cites: unknown[]; postedAt: unknown },
): void {
  const question = typeof row.question === 'string' ? row.question.trim() : '';
  const answer = typeof row.answer === 'string' ? row.answer.trim() : '';
  if (question === '' || answer === '') {
    file.problems.push({ line, reason: `no ${question === '' ? 'question' : 'answer'}; both are needed` });
    return;
  }
  if (question.length > MAX_FIELD || answer.length > MAX_FIELD) {
    file.problems.push({ line, reason: `the question or answer is longer than ${MAX_FIELD} characters` });
    return;
  }
  if (!row.cites.every((cite) => typeof cite === 'string')) {
    file.problems.push({ line, reason: 'cites must be text (《title》第X条, 《title》 or a document path)' });
    return;
  }
  const postedAt = typeof row.postedAt === 'string' ? row.postedAt.trim() : undefined;
  if (postedAt && !/^\d{4}-\d{2}-\d{2}/.test(postedAt)) {
    file.problems.push({ line, reason: `posted_at "${postedAt}" is not a date (YYYY-MM-DD)` });
    return;
  }
  file.rows.push({
    line,
    question,
    answer,
    cites: (row.cites as string[]).map((cite) => cite.trim()).filter(Boolean),
    ...(postedAt ? { postedAt: postedAt.slice(0, 10) } : {}),
  });
}

type CsvRecord = { line: number; fields: string[]; unterminated: boolean };

// RFC 4180: fields separated by commas, quoted with "" (a doubled quote inside), quoted fields may hold newlines.
function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let index = 0;
  while (index < text.length) {
    const record: CsvRecord = { line, fields: [], unterminated: false };
    let field = '';
    let quoted = false;
    for (;;) {
      const character = text[index];
      if (character === undefined) {
        record.unterminated = quoted;
        break;
      }
      index += 1;
      if (quoted) {
        if (character === '"' && text[index] === '"') {
          field += '"';
          index += 1;
        } else if (character === '"') quoted = false;
        else {
          if (character === '\n') line += 1;
          field += character;
        }
        continue;
      }
      if (character === '"' && field === '') quoted = true;
      else if (character === ',') {
        record.fields.push(field);
        field = '';
      } else if (character === '\n' || character === '\r') {
        if (character === '\r' && text[index] === '\n') index += 1;
        line += 1;
        break;
      } else field += character;
    }
    record.fields.push(field);
    records.push(record);
  }
  return records;
}
