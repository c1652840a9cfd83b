import { readFile } from 'node:fs/promises';
import { isHuiyingError } from '../../config/huiying-error.ts';
import { allSupported, checkStatement, type CheckedSentence } from '../../drafting/check-statement.ts';
import type { Command, InputStream } from '../command.ts';
import { usageError } from '../usage-error.ts';

const MARKS: Record<CheckedSentence['status'], string> = {
  supported: '✓ supported  ',
  mismatch: '✗ mismatch   ',
  unsupported: '? unsupported',
};

export const checkCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying check [file|-] [--json]

核稿 (statement check): checks a statement you wrote (a press release, 回应口径, a reply letter) against the
knowledge base before it is published. The statement is split into sentences; for each, search finds passages in
current, valid documents, and the sentence is checked against the one it restates: every number, amount, date,
deadline, 文号, article and 《title》 must stand there (after full-width forms and Chinese numerals are normalised:
二十个工作日 = 20个工作日), a negation must agree (不予/予以, 不得/可以), and a link, phone number or e-mail address
must be in the passage or one of the office's own (HUIYING_OFFICE_CONTACTS). Meaning carried by other words (a
changed subject, condition or scope) is not checked: that needs a person.

Reads the file, or standard input when the file is - or left out.

Exit code: 0 when every sentence is supported, 1 when any is flagged (mismatch or unsupported), 2 for usage errors.

Options:
  --json      print { "sentences": [ { "text", "status", "citations", "problems", ... } ] }
  -h, --help  show this help

Examples:
  huiying check press-release.txt
  echo "行政机关应当自收到申请之日起15个工作日内予以答复。" | huiying check --json`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io, openContext }) {
    if (positionals.length > 1)
      throw usageError('check takes one file (or - for standard input).', 'huiying check statement.txt');
    const text = await readStatement(positionals[0], io.stdin);
    const context = await openContext({ workload: 'command' });
    try {
      const result = await checkStatement({
        database: context.database,
        embedder: context.embedder,
        text,
        officeContacts: context.config.officeContacts,
      }).catch((error: unknown) => {
        if (isHuiyingError(error) && error.code === 'statement-invalid')
          throw usageError(error.message, 'huiying check statement.txt');
        throw error;
      });
      if (values.json) io.print(JSON.stringify({ ...result, allSupported: allSupported(result) }, null, 2));
      else printReport(result.sentences, io.print);
      return allSupported(result) ? 0 : 1;
    } finally {
      await context.close();
    }
  },
};

async function readStatement(file: string | undefined, stdin: InputStream): Promise<string> {
  if (file === undefined && stdin.isTTY)
    throw usageError('check needs a file, or the statement on standard input.', 'huiying check statement.txt');
  let bytes: Buffer;
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    bytes = Buffer.concat(chunks);
  } else {
    bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw usageError(`Cannot read ${file} (${error.code ?? error.message}).`, 'huiying check statement.txt');
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw usageError(
      `${file ?? 'The input'} is not UTF-8 text: save it as UTF-8 (iconv -f GBK -t UTF-8 < file).`,
      'huiying check statement.txt',
    );
  }
}

function printReport(sentences: ReadonlyArray<CheckedSentence>, print: (text: string) => void): void {
  const indent = ' '.repeat(MARKS.supported.length + 1);
  for (const sentence of sentences) {
    print(`${MARKS[sentence.status]} ${sentence.text}`);
    for (const problem of sentence.problems) {
      const what =
        problem.kind === 'no-source'
          ? 'no passage carries this sentence'
          : `${problem.text}${problem.expected ? ` (the source has ${problem.expected})` : ' (not in the source)'}`;
      print(`${indent}${problem.kind}: ${what}`);
    }
    for (const citation of sentence.citations)
      print(
        `${indent}${sentence.status === 'unsupported' ? 'nearest: ' : ''}${citation.citation}: “${citation.quote.replace(/\s+/g, ' ')}”`,
      );
  }
  const count = (status: CheckedSentence['status']) =>
    sentences.filter((sentence) => sentence.status === status).length;
  print(
    `\n${sentences.length} sentences: ${count('supported')} supported, ${count('mismatch')} mismatch, ${count('unsupported')} unsupported.`,
  );
}
