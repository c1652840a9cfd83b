import type { ParseArgsConfig } from 'node:util';

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** One `huiying <name>` command: its help text, its options and what it does. */
export type Command = {
  name: string;
  summary: string;
  /** Full help: usage line, description, options, examples. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(input: { positionals: string[]; values: OptionValues }): Promise<number | void>;
};
