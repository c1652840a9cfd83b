import { runConsole } from '../console/run-console.ts';
import type { CommandIo } from './command.ts';
import type { Context } from './open-context.ts';

/** Runs the web console and its worker until Ctrl-C or SIGTERM, then shuts down cleanly (the database closed last). */
export async function serveUntilStopped(
  io: CommandIo,
  context: Context,
  options: { port?: number; host?: string },
): Promise<void> {
  const config = options.host
    ? { ...context.config, review: { ...context.config.review, host: options.host } }
    : context.config;
  const running = await runConsole({
    config,
    database: context.database,
    embedder: context.embedder,
    port: options.port,
  });
  io.print(`huiying console: ${running.url}${config.review.publicUrl ? ` (reached as ${config.review.publicUrl})` : ''}
  public page      ${running.url}/
  staff sign-in    ${running.url}/login
  review queue     ${running.url}/queue
  HTTP API         POST ${running.url}/api/inquiries (create a key with \`npx huiying key add <name>\`)${running.endpoints.map((endpoint) => `\n  ${endpoint.label.padEnd(16)} ${endpoint.url} (${endpoint.purpose})`).join('')}
Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.print('Stopping…');
  await running.stop();
}
