import { parseArgs } from 'node:util';
import { describeError, isHuiyingError } from '../config/huiying-error.ts';
import type { Command } from './command.ts';
import { askCommand } from './commands/ask-command.ts';
import { benchCommand } from './commands/bench-command.ts';
import { docsCommand } from './commands/docs-command.ts';
import { evalCommand } from './commands/eval-command.ts';
import { ingestCommand } from './commands/ingest-command.ts';
import { reindexCommand } from './commands/reindex-command.ts';
import { searchCommand } from './commands/search-command.ts';
import { startCommand } from './commands/start-command.ts';
import { triageCommand } from './commands/triage-command.ts';
import { auditCommand } from './commands/audit-command.ts';
import { casesCommand } from './commands/cases-command.ts';
import { keyCommand } from './commands/key-command.ts';
import { serveCommand } from './commands/serve-command.ts';
import { userCommand } from './commands/user-command.ts';

const COMMANDS: Command[] = [
  startCommand,
  serveCommand,
  ingestCommand,
  searchCommand,
  askCommand,
  triageCommand,
  casesCommand,
  userCommand,
  keyCommand,
  auditCommand,
  docsCommand,
  reindexCommand,
  evalCommand,
  benchCommand,
];

const OVERVIEW = `huiying (回应): answer the public quickly, correctly and on the record.

Usage: huiying <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(9)} ${command.summary}`).join('\n')}

Run \`huiying <command> --help\` for a command's options. Configuration comes from the environment or .env
(see .env.example); with nothing set, huiying runs offline on an embedded database in ./data.`;

/** Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 wrong usage). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(OVERVIEW);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${OVERVIEW}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${command.help}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  try {
    return (await command.run({ positionals: parsed.positionals, values: parsed.values })) ?? 0;
  } catch (error) {
    if (isHuiyingError(error)) {
      console.error(`error [${error.code}]: ${describeError(error)}`);
      return error.code === 'usage-invalid' ? 2 : 1;
    }
    console.error(
      `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the command you ran.`,
    );
    return 1;
  }
}
