import { createApiKey } from '../../review/accounts/api-keys.ts';
import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import type { Command } from '../command.ts';
import { usageError } from '../usage-error.ts';

export const keyCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying key add <name>

Creates an API key for another system, such as a public-opinion monitoring system or a hotline, and prints it
once; only its hash is stored. The system sends it as "Authorization: Bearer <key>".

Options:
  -h, --help  show this help

Example:
  huiying key add hotline-12345`,
  options: {},
  async run({ positionals, io, openContext }) {
    const [action, name] = positionals;
    if (action !== 'add' || !name) throw usageError('key needs "add <name>".', 'huiying key add hotline-12345');
    const context = await openContext({ workload: 'command', embedder: false });
    try {
      const created = await context.database.transaction(async (transaction) => {
        const key = await createApiKey(transaction, { name });
        await appendAuditEntry(transaction, {
          caseId: null,
          event: 'api-key-created',
          actor: 'cli',
          occurredAt: new Date(),
          details: { name, id: key.id },
        });
        return key;
      });
      io.print(`API key for ${name} (shown once, keep it safe):\n${created.key}`);
    } finally {
      await context.close();
    }
  },
};
