import type { Command } from './command.ts';

/** A command as the overview lists it; its module (and everything it imports) is loaded only when it runs. */
export type CommandEntry = { name: string; summary: string; load: () => Promise<Command> };

export const COMMANDS: ReadonlyArray<CommandEntry> = [
  {
    name: 'start',
    summary: 'Ingest the bundled sample office if the database is empty, then run the web console',
    load: async () => (await import('./commands/start-command.ts')).startCommand,
  },
  {
    name: 'serve',
    summary: 'Run the web console: public page, staff questions, review queue, HTTP API',
    load: async () => (await import('./commands/serve-command.ts')).serveCommand,
  },
  {
    name: 'worker',
    summary: 'Draft received cases and deliver web answers beside serve, on a PostgreSQL server',
    load: async () => (await import('./commands/worker-command.ts')).workerCommand,
  },
  {
    name: 'ingest',
    summary: 'Add policies, interpretations, FAQs and notices from files, folders and URLs',
    load: async () => (await import('./commands/ingest-command.ts')).ingestCommand,
  },
  {
    name: 'search',
    summary: 'Find the passages that answer a question, with exact citations',
    load: async () => (await import('./commands/search-command.ts')).searchCommand,
  },
  {
    name: 'ask',
    summary: 'Draft a cited answer to a question (every sentence checked against its sources)',
    load: async () => (await import('./commands/ask-command.ts')).askCommand,
  },
  {
    name: 'check',
    summary: '核稿: check a statement against the knowledge base, sentence by sentence, before it is published',
    load: async () => (await import('./commands/check-command.ts')).checkCommand,
  },
  {
    name: 'triage',
    summary: 'Classify a public-opinion item: topic, severity, responsible units, response deadline',
    load: async () => (await import('./commands/triage-command.ts')).triageCommand,
  },
  {
    name: 'cases',
    summary: 'List open cases by deadline, or only the overdue ones',
    load: async () => (await import('./commands/cases-command.ts')).casesCommand,
  },
  {
    name: 'user',
    summary: "Add, list, link and disable the web console's accounts (staff, drafter, approver, admin)",
    load: async () => (await import('./commands/user-command.ts')).userCommand,
  },
  {
    name: 'key',
    summary: 'Create, list and revoke API keys for systems that push inquiries (POST /api/inquiries)',
    load: async () => (await import('./commands/key-command.ts')).keyCommand,
  },
  {
    name: 'audit',
    summary: "Verify the audit trail's hash chain, or print one case's history",
    load: async () => (await import('./commands/audit-command.ts')).auditCommand,
  },
  {
    name: 'docs',
    summary: 'List indexed documents with their versions, validity and metadata',
    load: async () => (await import('./commands/docs-command.ts')).docsCommand,
  },
  {
    name: 'reindex',
    summary: 'Rebuild chunks, keyword terms and embeddings with the configured embedder',
    load: async () => (await import('./commands/reindex-command.ts')).reindexCommand,
  },
  {
    name: 'migrate-to',
    summary: 'Copy the embedded database into an empty PostgreSQL database (DATABASE_URL afterwards)',
    load: async () => (await import('./commands/migrate-to-command.ts')).migrateToCommand,
  },
  {
    name: 'eval',
    summary: 'Measure retrieval quality on a question set with gold references',
    load: async () => (await import('./commands/eval-command.ts')).evalCommand,
  },
  {
    name: 'bench',
    summary: 'Measure ingest, re-ingest, search, drafting, the review workflow and memory',
    load: async () => (await import('./commands/bench-command.ts')).benchCommand,
  },
];
