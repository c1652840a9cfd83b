import type { Command } from '../command.ts';
import { parsePort } from '../parse-port.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';

export const serveCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying serve [--port <n>] [--host <address>]

Serves the web console and runs the review worker (drafting new inquiries, delivering approved answers, deadline
reminders and escalation), after warming the search index in the background with 100 searches made from the
corpus. Citizens ask on the public page and read approved answers there; staff ask policy
questions; reviewers edit, approve, reject, escalate and reassign in the queue. Sign-in needs an account: create
the first with \`huiying user add <name> --role admin\` (while the console is stopped).

Options:
  --port <n>        port to listen on (default HUIYING_PORT or 3000)
  --host <address>  address to listen on (default HUIYING_HOST or 127.0.0.1, this machine only)
  -h, --help        show this help`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values, io, openContext }) {
    const port = parsePort(values.port);
    const context = await openContext();
    try {
      await serveUntilStopped(io, context, { port, host: values.host as string | undefined });
    } finally {
      await context.close();
    }
  },
};
