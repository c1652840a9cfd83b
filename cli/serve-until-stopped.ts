import { randomBytes } from 'node:crypto';
import { formatAuditCheckpoint, takeAuditCheckpoint } from '../audit/audit-checkpoint.ts';
import { currentAuditKey } from '../audit/audit-key.ts';
import { writeControlFile } from '../console/control-file.ts';
import { runConsole } from '../console/run-console.ts';
import { appendCheckpointLine } from './audit-checkpoint-file.ts';
import type { CommandIo } from './command.ts';
import type { Context } from './open-context.ts';

const CHECKPOINT_INTERVAL_MS = 60 * 60 * 1000;

/** Runs the web console and its worker until Ctrl-C or SIGTERM, then shuts down cleanly (the database closed last). */
export async function serveUntilStopped(
  io: CommandIo,
  context: Context,
  options: { port?: number; host?: string },
): Promise<void> {
  const config = options.host
    ? { ...context.config, review: { ...context.config.review, host: options.host } }
    : context.config;
  // With the embedded database this process is its only user: the CLI's account and key commands reach it through
  // the console's control API instead, with the token in the data directory (see console/control-file.ts).
  const controlToken = config.databaseUrl === undefined ? randomBytes(32).toString('base64url') : undefined;
  const running = await runConsole({
    config,
    database: context.database,
    embedder: context.embedder,
    port: options.port,
    controlToken,
  });
  const removeControlFile = controlToken
    ? writeControlFile(config.dataDirectory, { pid: process.pid, url: running.url, token: controlToken })
    : () => {};
  io.print(`huiying console: ${running.url}${config.review.publicUrl ? ` (reached as ${config.review.publicUrl})` : ''}
  public page      ${running.url}/
  staff sign-in    ${running.url}/login
  review queue     ${running.url}/queue
  HTTP API         POST ${running.url}/api/inquiries (create a key with \`npx huiying key add <name>\`)${running.endpoints.map((endpoint) => `\n  ${endpoint.label.padEnd(16)} ${endpoint.url} (${endpoint.purpose})`).join('')}
Press Ctrl-C to stop.`);
  const checkpoints = keepCheckpoints(io, context);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.print('Stopping…');
  removeControlFile();
  await running.stop();
  await checkpoints.stop();
}

/**
 * With HUIYING_AUDIT_CHECKPOINT_FILE set, appends a checkpoint of the audit log's head at start, every hour and at
 * stop, and prints it in the log, so the record of how far the log reached exists outside the database.
 */
export function keepCheckpoints(io: CommandIo, context: Context): { stop(): Promise<void> } {
  const file = context.config.audit.checkpointFile;
  if (!file) return { stop: async () => {} };
  const write = async () => {
    try {
      const checkpoint = await takeAuditCheckpoint(context.database, { key: currentAuditKey(), now: new Date() });
      if (!checkpoint) return;
      const line = formatAuditCheckpoint(checkpoint);
      appendCheckpointLine(file, line);
      io.print(`[audit] ${line}`);
    } catch (error) {
      io.warn(`[audit] no checkpoint written: ${(error as Error).message}`);
    }
  };
  const first = write();
  const timer = setInterval(() => void write(), CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await first;
      await write();
    },
  };
}
