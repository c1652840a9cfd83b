import { listAccounts, type Account } from '../../review/accounts/accounts.ts';
import {
  createAccountOnRecord,
  disableAccountOnRecord,
  linkIdentityOnRecord,
} from '../../review/accounts/accounts-on-record.ts';
import { ROLES, type Role } from '../../review/accounts/roles.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { onDatabaseOrConsole } from '../on-database-or-console.ts';
import { readSecret } from '../read-secret.ts';
import { usageError } from '../usage-error.ts';

export const userCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying user add <username> --role <role> [--unit <unit>] [--name <display name>]
       huiying user list
       huiying user link <username> <surface> <user id>
       huiying user disable <username>

Accounts sign in to the web console. Roles: staff (ask policy questions), drafter (edit drafts, escalate,
reassign), approver (also approve and reject; with --unit only for that unit's cases), admin (everything, and
adding accounts in the console). Create the first admin here; further accounts can be added in the console.
The password is asked for twice on a terminal, or read from the first line of standard input.
\`link\` maps a chat user (a Slack user id such as U024BE7LH, a Discord user id) to an account, so buttons pressed
there act with that account's role; an unlinked chat user can ask but not decide. \`disable\` stops an account
(someone who left): it can no longer sign in or decide, its sessions end at once, and the audit trail keeps its
history (the last active admin cannot be disabled). \`list\` and \`disable\` also work while \`huiying serve\` holds
the embedded database: they ask the running console (through the token it keeps in the data directory). For
\`add\` and \`link\`, stop it first, or add accounts in the console.

Options:
  --role <role>   staff, drafter, approver or admin
  --unit <unit>   the unit an approver approves for (default: every unit)
  --name <name>   the name shown in the console and the audit trail (default: the username)
  -h, --help      show this help

Example:
  huiying user add admin --role admin`,
  options: { role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
  async run(input) {
    const { positionals, values, io, openContext } = input;
    const [action, username] = positionals;
    if (action === 'list') {
      const accounts = await onDatabaseOrConsole(input, {
        onDatabase: (context) => listAccounts(context.database),
        onConsole: async (call) =>
          (await call<{ accounts: Account[] }>({ method: 'GET', path: '/api/control/accounts' })).accounts,
      });
      io.print(
        formatTable(
          ['id', 'username', 'name', 'role', 'unit'],
          accounts.map((account) => [
            String(account.id),
            account.username,
            account.displayName,
            account.role,
            account.unit ?? '(all)',
          ]),
        ),
      );
      return;
    }
    if (action === 'disable') {
      if (!username) throw usageError('user disable needs a username.', 'huiying user disable zhao');
      const where = await onDatabaseOrConsole(input, {
        onDatabase: async (context) => {
          await disableAccountOnRecord(context.database, { username, by: { actor: 'cli', at: new Date() } });
          return '';
        },
        onConsole: async (call, control) => {
          await call({ method: 'POST', path: '/api/control/accounts/disable', body: { username } });
          return ` through the running console (${control.url})`;
        },
      });
      io.print(`Disabled "${username}"${where}: it can no longer sign in or decide, and its sessions have ended.`);
      return;
    }
    if (action === 'link') {
      const [, linkUser, surface, externalId] = positionals;
      if (!linkUser || !surface || !externalId)
        throw usageError(
          'user link needs a username, a surface and the user id there.',
          'huiying user link zhao slack U024BE7LH',
        );
      const context = await openContext({ workload: 'command', embedder: false });
      try {
        await linkIdentityOnRecord(context.database, {
          username: linkUser,
          surface,
          externalId,
          by: { actor: 'cli', at: new Date() },
        });
        io.print(`Linked ${surface} user ${externalId} to "${linkUser}".`);
      } finally {
        await context.close();
      }
      return;
    }
    if (action !== 'add' || !username)
      throw usageError(
        'user needs "add <username>", "list", "link <username> <surface> <id>" or "disable <username>".',
        'huiying user add admin --role admin',
      );
    const role = values.role as Role | undefined;
    if (!role || !ROLES.includes(role))
      throw usageError(`--role must be one of ${ROLES.join(', ')}.`, `huiying user add ${username} --role approver`);
    const password = await readSecret(io, `Password for ${username} (at least 8 characters): `);
    const context = await openContext({ workload: 'command', embedder: false });
    try {
      const account = await createAccountOnRecord(context.database, {
        username,
        password,
        role,
        unit: (values.unit as string | undefined) ?? null,
        displayName: values.name as string | undefined,
        by: { actor: 'cli', at: new Date() },
      });
      io.print(
        `Created ${account.role} "${account.username}"${account.unit ? ` for ${account.unit}` : ''}. Sign in at the console's /login page.`,
      );
    } finally {
      await context.close();
    }
  },
};
