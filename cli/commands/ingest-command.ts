import { describeError } from '../../config/huiying-error.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { importQuestionBank, type QuestionBankImport } from '../../retrieval/import-question-bank.ts';
import type { Command } from '../command.ts';
import { printIngestSummary } from '../print-ingest-summary.ts';
import { createProgressBar } from '../progress-bar.ts';
import { usageError } from '../usage-error.ts';

export const ingestCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying ingest <path|url>... [--prune] [--strict] [--json]

Reads .md .txt .html/.htm (UTF-8 or GBK) .pdf and .docx files, folders (recursively) and web pages, extracts
their metadata (索引号, 发布机构, 文号, dates, 有效性, 主题分类), splits them along their structure (章/节/第X条,
一、(一) 1.) and indexes them. Unchanged sources are skipped; a changed source becomes a new version and the old
one is kept as superseded. Metadata in <file>.meta.json, a folder's huiying-manifest.jsonl or front matter wins
over extraction. Sources that cannot be read are listed with the reason; the rest are ingested.

.jsonl and .csv files are question banks (an office's FAQ or Q&A: question, answer, optional cites as
《title》第X条, 《title》 or a document path; CSV with a header row, 问题/答复/依据 also understood): each row
enters the question bank as an approved answer, after the documents are ingested. Malformed rows are listed
with their line numbers; the rest are imported. Importing a file again replaces its rows.

Options:
  --prune    mark documents whose file disappeared from the given folders as withdrawn
  --strict   stop at the first source that fails (exit code 1)
  --json     print the summary as JSON
  -h, --help show this help

Examples:
  huiying ingest ./policies
  huiying ingest notice.html https://www.example.gov.cn/zwgk/2024/content_1.html`,
  options: { prune: { type: 'boolean' }, strict: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, openContext }) {
    if (positionals.length === 0)
      throw usageError('ingest needs at least one file, folder or URL.', 'huiying ingest ./policies');
    const context = await openContext();
    try {
      const progress = createProgressBar({ label: 'ingest', stream: io.stderr });
      const summary = await ingestSources({
        database: context.database,
        embedder: context.embedder,
        inputs: positionals,
        maxFileBytes: context.config.maxFileBytes,
        prune: values.prune === true,
        strict: values.strict === true,
        onProgress: progress.update,
      });
      progress.done();
      const imports: Array<QuestionBankImport | { file: string; error: string }> = [];
      for (const path of summary.questionBanks) {
        try {
          imports.push(await importQuestionBank(context.database, { path, maxBytes: context.config.maxFileBytes }));
        } catch (error) {
          if (values.strict) throw error;
          imports.push({ file: path, error: describeError(error) });
        }
      }
      if (values.json) io.print(JSON.stringify({ ...summary, questionBankImports: imports }, null, 2));
      else {
        printIngestSummary(io, summary);
        for (const result of imports)
          io.print(
            'error' in result
              ? `question bank ${result.file}: not imported: ${result.error}`
              : [
                  `question bank ${result.file}: ${result.imported} imported`,
                  ...result.problems.map((problem) => `  line ${problem.line}: ${problem.reason}`),
                ].join('\n'),
          );
      }
      const bankProblems = imports.some((result) => 'error' in result || result.problems.length > 0);
      return (summary.failed.length > 0 || bankProblems) && values.strict ? 1 : 0;
    } finally {
      await context.close();
    }
  },
};
