import { parseArgs } from 'node:util';
import { describeError, isHuiyingError } from '../config/huiying-error.ts';
import type { Command, CommandIo, Environment, InputStream, OutputStream } from './command.ts';
import { COMMANDS } from './command-list.ts';

const DATA_DIRECTORY_HELP = 'use the embedded database in <dir> instead of DATABASE_URL or HUIYING_DATA_DIR';

const OVERVIEW = `huiying (回应): answer the public quickly, correctly and on the record.

Usage: huiying <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join('\n')}

Run \`huiying <command> --help\` for a command's options. Configuration comes from the environment or .env
(see .env.example); with nothing set, huiying runs offline on an embedded database in ./data.`;

export type MainOptions = {
  argv: ReadonlyArray<string>;
  /** @default process.env */
  environment?: Environment;
  stdin?: InputStream;
  stdout?: OutputStream;
  stderr?: OutputStream;
};

/**
 * Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 wrong usage). Only the module of the command
 * that runs is imported, so `huiying --help` loads nothing heavy.
 */
export async function main(options: MainOptions): Promise<number> {
  const io = createIo(options);
  const environment = options.environment ?? process.env;
  const [name, ...rest] = options.argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.print(OVERVIEW);
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    io.warn(`Unknown command "${name}".\n\n${OVERVIEW}`);
    return 2;
  }
  const command = await entry.load();
  const help = helpOf(command);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        ...command.options,
        ...(command.opensDatabase && { 'data-dir': { type: 'string' } }),
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.warn(`${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (parsed.values.help) {
    io.print(help);
    return 0;
  }
  const dataDirectory = parsed.values['data-dir'];
  try {
    return (
      (await command.run({
        positionals: parsed.positionals,
        values: parsed.values,
        io,
        environment,
        loadConfig: async () => (await import('../config/load-config.ts')).loadConfig({ environment }),
        openContext: async (contextOptions) => {
          const { openContext } = await import('./open-context.ts');
          return openContext({
            environment,
            ...(typeof dataDirectory === 'string' && { dataDirectory }),
            ...contextOptions,
          });
        },
      })) ?? 0
    );
  } catch (error) {
    if (isHuiyingError(error)) {
      io.warn(`error [${error.code}]: ${describeError(error)}`);
      return error.code === 'usage-invalid' ? 2 : 1;
    }
    io.warn(
      `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the command you ran.`,
    );
    return 1;
  }
}

function helpOf(command: Command): string {
  // eval and bench describe --data-dir themselves (their index, a temporary folder by default).
  if (!command.opensDatabase || /\n +--data-dir /.test(command.help)) return command.help;
  // The option list ends with "-h, --help  show this help"; --data-dir goes just before it, its text aligned.
  return command.help.replace(/\n( +)(-h, --help +)(\S)/, (_line, indent: string, flag: string, first: string) => {
    const option = '--data-dir <dir>';
    const gap = ' '.repeat(Math.max(2, flag.length - option.length));
    return `\n${indent}${option}${gap}${DATA_DIRECTORY_HELP}\n${indent}${flag}${first}`;
  });
}

function createIo(options: MainOptions): CommandIo {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  return {
    print: (text) => void stdout.write(`${text}\n`),
    warn: (text) => void stderr.write(`${text}\n`),
    stdin: options.stdin ?? process.stdin,
    stdout,
    stderr,
  };
}
