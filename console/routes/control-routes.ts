import { createHash, timingSafeEqual } from 'node:crypto';
import { isHuiyingError } from '../../config/huiying-error.ts';
import { disableAccountOnRecord } from '../../review/accounts/accounts-on-record.ts';
import { revokeApiKeyOnRecord } from '../../review/accounts/api-keys-on-record.ts';
import { listAccounts } from '../../review/accounts/accounts.ts';
import { listApiKeys } from '../../review/accounts/api-keys.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { readBody, sendJson } from '../http-io.ts';
import type { Route, RouteRequest } from '../router.ts';
import { ApiError } from './api-error.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The control API the CLI uses while `huiying serve` holds the embedded database (which one process owns): list and
 * disable accounts, list and revoke API keys, on the record as `cli`. It answers only requests from this machine that
 * carry the token of the control file the console wrote into its data directory; without a token it is not there.
 */
export function controlRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context, controlToken } = dependencies;
  if (!controlToken) return [];
  const expected = createHash('sha256').update(controlToken).digest();
  const authorise = (input: RouteRequest) => {
    const token = /^Bearer\s+(\S+)$/i.exec(input.request.headers.authorization ?? '')?.[1] ?? '';
    const given = createHash('sha256').update(token).digest();
    if (!LOOPBACK.has(input.request.socket.remoteAddress ?? '') || !timingSafeEqual(given, expected))
      throw new ApiError(401, 'control-token-invalid', 'The control API takes the token from the console file.');
  };
  const readField = async (input: RouteRequest, field: string): Promise<string> => {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(input.request, 4096));
    } catch {
      throw new ApiError(400, 'json-invalid', `Send {"${field}": "..."} as JSON.`);
    }
    const value = (body as Record<string, unknown> | null)?.[field];
    if (typeof value !== 'string' || value === '') throw new ApiError(422, 'request-invalid', `"${field}" is missing.`);
    return value;
  };
  // The CLI prints the message: a refusal (no such account, the last admin) is the operator's to read.
  const refusalsAnswered = async (input: RouteRequest, change: () => Promise<unknown>) => {
    try {
      sendJson(input.response, 200, await change());
    } catch (error) {
      if (!isHuiyingError(error) || error.code !== 'usage-invalid') throw error;
      throw new ApiError(409, error.code, error.message);
    }
  };
  return [
    {
      method: 'GET',
      path: /^\/api\/control\/accounts$/,
      async handle(input) {
        authorise(input);
        sendJson(input.response, 200, { accounts: await listAccounts(context.database) });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/control\/accounts\/disable$/,
      async handle(input) {
        authorise(input);
        const username = await readField(input, 'username');
        await refusalsAnswered(input, async () => ({
          account: await disableAccountOnRecord(context.database, {
            username,
            by: { actor: 'cli', at: context.clock.now() },
          }),
        }));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/control\/api-keys$/,
      async handle(input) {
        authorise(input);
        sendJson(input.response, 200, { apiKeys: await listApiKeys(context.database) });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/control\/api-keys\/revoke$/,
      async handle(input) {
        authorise(input);
        const key = await readField(input, 'key');
        await refusalsAnswered(input, async () => ({
          apiKey: await revokeApiKeyOnRecord(context.database, { key, actor: 'cli', now: context.clock.now() }),
        }));
      },
    },
  ];
}
