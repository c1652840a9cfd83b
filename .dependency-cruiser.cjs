/**
 * The layers of huiying, highest first: a folder may import from folders below it, never from one above, and no
 * import circle is allowed. `npm test` runs this check (`npm run check:layers`).
 */
// test/layout.test.ts reads this list too (every code folder must be in it, at most 17).
const LAYERS = [
  'cli', // commands: the composition root
  'evaluation', // eval and bench: drive the whole product on a data set
  'console', // web console, HTTP API, the web surface, the surface factory
  'bot', // chat surfaces: Slack, Discord
  'review', // cases, decisions, approvals, outbox, worker, accounts; the Surface interface
  'drafting', // drafters (ChatModel), verification, talking points
  'triage', // Triager: rules, or a model's
  'prompts', // prompt files and their loader
  'retrieval', // hybrid search
  'ingest', // reading, chunking, versioning, the knowledge-base tables
  'embed', // Embedder
  'providers', // model clients (OpenAI-compatible, LangChain)
  'audit', // the hash-chained audit log
  'privacy', // redaction of personal data
  'text', // segmenter, numerals, sentences, time formatting
  'db', // Database: PGlite or pg, migrations
  'config', // configuration, defaults, errors, clock
];

const upward = LAYERS.map((layer, index) => ({
  name: `${layer}-imports-no-higher-layer`,
  comment: `${layer}/ sits below ${LAYERS.slice(0, index).join(', ') || 'nothing'}; move the shared code down or pass it in.`,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: `^(${LAYERS.slice(0, index).join('|') || '$^'})/` },
})).filter((rule) => rule.to.path !== '^($^)/');

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'only-known-folders',
      comment: 'Every code folder is a layer listed in .dependency-cruiser.cjs.',
      severity: 'error',
      from: { pathNot: `^(${LAYERS.join('|')}|test)/|^vitest\\.config\\.ts$` },
      to: {},
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data|samples|test)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
