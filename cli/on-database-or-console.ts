import { resolve } from 'node:path';
import { HuiyingError, isHuiyingError } from '../config/huiying-error.ts';
import { readControlFile, type ControlFile } from '../console/control-file.ts';
import type { CommandInput } from './command.ts';
import type { Context } from './open-context.ts';

/** A request to the running console's control API; its JSON answer, or a HuiyingError with the console's reason. */
export type ConsoleCall = <T>(request: { method: 'GET' | 'POST'; path: string; body?: unknown }) => Promise<T>;

/**
 * Runs a command's step on the database, or, when the embedded database is held by a running `huiying serve` (one
 * process owns it), through that console's control API: the console does it, on the same record, at once. With a
 * database server (DATABASE_URL) nothing holds it and the step always runs on the database.
 */
export async function onDatabaseOrConsole<T>(
  input: CommandInput,
  steps: { onDatabase(context: Context): Promise<T>; onConsole(call: ConsoleCall, control: ControlFile): Promise<T> },
): Promise<T> {
  let context: Context;
  try {
    context = await input.openContext({ workload: 'command', embedder: false });
  } catch (error) {
    if (!isHuiyingError(error) || error.code !== 'database-busy') throw error;
    const dataDir = input.values['data-dir'];
    const dataDirectory = typeof dataDir === 'string' ? resolve(dataDir) : (await input.loadConfig()).dataDirectory;
    const control = readControlFile(dataDirectory);
    if (!control)
      throw new HuiyingError({
        code: 'database-busy',
        message: `${error.message} That process is not a console this command can ask (no ${dataDirectory}/console.json): stop it, then run the command again.`,
        cause: error,
      });
    return steps.onConsole(callConsole(control), control);
  }
  try {
    return await steps.onDatabase(context);
  } finally {
    await context.close();
  }
}

function callConsole(control: ControlFile): ConsoleCall {
  return async <T>(request: { method: 'GET' | 'POST'; path: string; body?: unknown }): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${control.url}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${control.token}`,
          ...(request.body !== undefined && { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new HuiyingError({
        code: 'database-busy',
        message: `The console holding the database (pid ${control.pid}, ${control.url}) did not answer (${(error as Error).message}). Is it still running? Stop it, then run the command again.`,
        cause: error,
      });
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (response.ok) return answer as T;
    throw new HuiyingError({
      code: response.status === 409 || response.status === 422 ? 'usage-invalid' : 'request-invalid',
      message: answer.error?.message ?? `The console answered ${response.status}.`,
    });
  };
}
