import type { ParseArgsConfig } from 'node:util';
import type { HuiyingConfig } from '../config/load-config.ts';
import type { Context, OpenContextOptions } from './open-context.ts';

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** The process's environment variables, as main() was given them. */
export type Environment = Readonly<Record<string, string | undefined>>;

export type OutputStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean };

/** Where a command reads and writes: given to main(), so tests run commands in process and read what they print. */
export type CommandIo = {
  /** Prints a line (or several) to standard output. */
  print(text: string): void;
  /** Prints a line (or several) to standard error. */
  warn(text: string): void;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
};

/** What main() hands a command when it runs. */
export type CommandInput = {
  positionals: string[];
  values: OptionValues;
  io: CommandIo;
  environment: Environment;
  /** The configuration from `environment` (and .env). */
  loadConfig(): Promise<HuiyingConfig>;
  /** Opens the configured database (or the one `--data-dir` names) and the embedder; the caller closes it. */
  openContext(options?: OpenContextOptions): Promise<Context>;
};

/** One `huiying <name>` command: its help text, its options and what it does. */
export type Command = {
  /** Full help: usage line, description, options, examples. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command opens the database: main() then adds `--data-dir` to its options and help. */
  opensDatabase: boolean;
  run(input: CommandInput): Promise<number | void>;
};
