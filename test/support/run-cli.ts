import { Readable } from 'node:stream';
import type { OutputStream } from '../../cli/command.ts';
import { main } from '../../cli/main.ts';

export type CliResult = { code: number; out: string; err: string };

/** Runs the CLI in process, as `huiying <argv>` would, and captures what it prints. */
export async function runCli(...argv: string[]): Promise<CliResult> {
  return runCliWith({ argv });
}

/** Runs the CLI in process with an environment and standard input of the test's choosing. */
export async function runCliWith(options: {
  argv: string[];
  environment?: Record<string, string | undefined>;
  stdin?: string;
}): Promise<CliResult> {
  const out = capture();
  const err = capture();
  const code = await main({
    argv: options.argv,
    environment: options.environment ?? { ...process.env },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: out.stream,
    stderr: err.stream,
  });
  return { code, out: out.text(), err: err.text() };
}

function capture(): { stream: OutputStream; text: () => string } {
  const chunks: string[] = [];
  const stream: OutputStream = {
    // Same signature as a stream's write: the callback, if any, is called once the text is kept.
    write(chunk: string | Uint8Array, ...rest: unknown[]) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    },
  };
  return { stream, text: () => chunks.join('').replace(/\n$/, '') };
}
