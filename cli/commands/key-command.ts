import { createApiKey, listApiKeys, type ApiKeySummary } from '../../review/accounts/api-keys.ts';
import { revokeApiKeyOnRecord } from '../../review/accounts/api-keys-on-record.ts';
import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { onDatabaseOrConsole } from '../on-database-or-console.ts';
import { usageError } from '../usage-error.ts';

export const keyCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying key add <name>
       huiying key list
       huiying key revoke <id or name>

Creates an API key for another system, such as a public-opinion monitoring system or a hotline, and prints it
once; only its hash is stored. The system sends it as "Authorization: Bearer <key>". \`revoke\` stops a key at once
(its next request is answered 401), by its id from \`key list\` or by its name when one live key has it; it is
recorded in the audit trail. \`list\` and \`revoke\` also work while \`huiying serve\` holds the embedded database: they
ask the running console. For \`add\`, stop it first.

Options:
  -h, --help  show this help

Example:
  huiying key add hotline-12345
  huiying key revoke hotline-12345`,
  options: {},
  async run(input) {
    const { positionals, io, openContext } = input;
    const [action, name] = positionals;
    if (action === 'list') {
      const keys = await onDatabaseOrConsole(input, {
        onDatabase: (context) => listApiKeys(context.database),
        onConsole: async (call) =>
          (await call<{ apiKeys: ApiKeySummary[] }>({ method: 'GET', path: '/api/control/api-keys' })).apiKeys,
      });
      io.print(
        formatTable(
          ['id', 'name', 'created', 'revoked'],
          keys.map((key) => [
            String(key.id),
            key.name,
            new Date(key.createdAt).toISOString(),
            key.revokedAt ? new Date(key.revokedAt).toISOString() : '',
          ]),
        ),
      );
      return;
    }
    if (action === 'revoke') {
      if (!name) throw usageError('key revoke needs the id or name of a key.', 'huiying key revoke hotline-12345');
      const revoked = await onDatabaseOrConsole(input, {
        onDatabase: (context) => revokeApiKeyOnRecord(context.database, { key: name, actor: 'cli', now: new Date() }),
        onConsole: async (call) =>
          (
            await call<{ apiKey: { id: number; name: string } }>({
              method: 'POST',
              path: '/api/control/api-keys/revoke',
              body: { key: name },
            })
          ).apiKey,
      });
      io.print(`Revoked API key ${revoked.id} (${revoked.name}): its next request is refused.`);
      return;
    }
    if (action !== 'add' || !name)
      throw usageError('key needs "add <name>", "list" or "revoke <id or name>".', 'huiying key add hotline-12345');
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
