import { DOCUMENT_TYPES, type DocumentType } from '../../ingest/document-metadata.ts';
import { inJurisdiction, parseRegionPath } from '../../ingest/extract-region.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import { hybridSearch, type SearchMode } from '../../retrieval/hybrid-search.ts';
import type { Command, OptionValues } from '../command.ts';
import { usageError } from '../usage-error.ts';

export const searchCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying search "<question>" [options]

Hybrid search (Chinese keywords + vectors, fused) over current, valid documents. An article named in the
question ("政府信息公开条例第三十三条", "第33条") is looked up directly and listed first.

Options:
  --limit <n>       passages to show (default 5)
  --mode <m>        hybrid (default), lexical or vector
  --type <t>        only this document type (repeatable): ${DOCUMENT_TYPES.join(', ')}
  --issuer <text>   only documents whose issuing body contains this text
  --from <date>     published on or after YYYY-MM-DD
  --to <date>       published on or before YYYY-MM-DD
  --all-versions    include superseded, withdrawn, expired and repealed documents
  --region <r>      only national documents and those in force in this region (浙江省/杭州市/建德市); without it,
                    every region is searched and a passage outside HUIYING_JURISDICTION is marked [其他地区]
  --json            print results as JSON
  -h, --help        show this help

Example:
  huiying search "申请公开政府信息多久答复？"`,
  options: {
    limit: { type: 'string' },
    mode: { type: 'string' },
    type: { type: 'string', multiple: true },
    issuer: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'all-versions': { type: 'boolean' },
    region: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, io, openContext }) {
    const query = positionals.join(' ').trim();
    if (!query) throw usageError('search needs a question.', 'huiying search "申请公开政府信息多久答复？"');
    const options = parseSearchOptions(values);
    const context = await openContext({ workload: 'command' });
    try {
      const configured = context.config.drafting.jurisdiction;
      const own = configured ? parseRegionPath(configured.join('/')) : undefined;
      const results = await hybridSearch({ database: context.database, embedder: context.embedder, query, ...options });
      if (values.json) {
        io.print(JSON.stringify(results, null, 2));
        return;
      }
      if (results.length === 0)
        io.print('No passage matches. Try other words, or check `huiying docs` to see what is indexed.');
      for (const result of results) {
        // The citation names the article, or else the last heading: each heading is printed once.
        const headings = result.articleLabel ? result.headingPath : result.headingPath.slice(0, -1);
        const cited = result.articleLabel ? undefined : result.headingPath.at(-1);
        const content = cited && result.content.startsWith(cited) ? result.content.slice(cited.length) : result.content;
        const elsewhere = own && !inJurisdiction(result.document.region, own) ? ' [其他地区]' : '';
        io.print(`[${result.rank}] ${formatCitation(result)}${elsewhere}`);
        if (headings.length > 0) io.print(`    ${headings.join(' > ')}`);
        io.print(`    ${content.trim().replace(/\n+/g, '\n    ')}`);
        io.print(
          `    — ${result.document.sourceUri} (chars ${result.start}–${result.end}, matched by ${result.matchedBy.join(' + ')})\n`,
        );
      }
    } finally {
      await context.close();
    }
  },
};

function parseSearchOptions(values: OptionValues) {
  const limit = values.limit === undefined ? 5 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw usageError('--limit must be a whole number from 1 to 1000.', '--limit 10');
  const mode = (values.mode ?? 'hybrid') as SearchMode;
  if (!['hybrid', 'lexical', 'vector'].includes(mode))
    throw usageError('--mode must be hybrid, lexical or vector.', '--mode lexical');
  const types = (values.type as string[] | undefined) ?? [];
  const unknown = types.find((type) => !(DOCUMENT_TYPES as ReadonlyArray<string>).includes(type));
  if (unknown)
    throw usageError(`Unknown --type "${unknown}"; use one of ${DOCUMENT_TYPES.join(', ')}.`, '--type regulation');
  for (const key of ['from', 'to'] as const) {
    if (values[key] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(values[key])))
      throw usageError(`--${key} must be a date written YYYY-MM-DD.`, `--${key} 2020-01-01`);
  }
  const jurisdiction = values.region === undefined ? undefined : parseRegionPath(String(values.region));
  if (values.region !== undefined && !jurisdiction)
    throw usageError('--region must be a region written 省/市/区县.', '--region 浙江省/杭州市/建德市');
  return {
    limit,
    mode,
    filters: {
      jurisdiction,
      includeInvalid: values['all-versions'] === true,
      types: types as DocumentType[],
      issuer: values.issuer as string | undefined,
      from: values.from as string | undefined,
      to: values.to as string | undefined,
    },
  };
}
