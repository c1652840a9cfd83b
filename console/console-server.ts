import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findSession } from '../review/accounts/sessions.ts';
import { HuiyingError, isHuiyingError } from '../config/huiying-error.ts';
import type { ReviewConfig } from '../config/load-config.ts';
import { clientAddressOf } from './client-address.ts';
import type { ReviewContext } from '../review/review-context.ts';
import type { ReviewWorker } from '../review/review-worker.ts';
import type { WebSurface } from './web-surface.ts';
import { createLimits, type ConsoleDependencies } from './console-dependencies.ts';
import { html } from './html.ts';
import { HttpError, parseCookies, sendHtml, sendJson } from './http-io.ts';
import { layout } from './layout.ts';
import { matchRoute, type Route } from './router.ts';
import { isSameOrigin } from './same-origin.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { ApiError } from './routes/api-error.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { checkRoutes } from './routes/check-routes.ts';
import { controlRoutes } from './routes/control-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { holidayRoutes } from './routes/holiday-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { queueRoutes } from './routes/queue-routes.ts';
import { SESSION_COOKIE, staffRoutes } from './routes/staff-routes.ts';
import { talkingPointRoutes } from './routes/talking-point-routes.ts';

export type ConsoleServer = { server: Server; url: string; close(): Promise<void> };

/**
 * The web console: public page, staff questions, review queue and cases, accounts, and the HTTP API, served
 * server-rendered from one Node http server. Every error reaches one handler, which answers politely and logs an id.
 */
export function createConsoleHandler(options: {
  context: ReviewContext;
  webSurface: WebSurface;
  worker: ReviewWorker;
  apiRequestsPerMinute: number;
  /** HUIYING_PUBLIC_URL: when it is https, cookies are marked Secure (the browser sends them over TLS only). */
  publicUrl?: string;
  /** The token of the control API the CLI uses while this console holds the embedded database. */
  controlToken?: string;
  /** Where the client's address comes from behind a reverse proxy. @default the connection's peer */
  clientAddress?: ReviewConfig['clientAddress'];
  /** HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN. @default false */
  adminChangesNeedSecondAdmin?: boolean;
  log?: (line: string) => void;
}) {
  const dependencies: ConsoleDependencies = {
    ...options,
    adminChangesNeedSecondAdmin: options.adminChangesNeedSecondAdmin ?? false,
    secureCookies: options.publicUrl?.startsWith('https://') ?? false,
    clientAddress: (request) => clientAddressOf(request, options.clientAddress ?? { trustedProxies: [] }),
    limits: createLimits({
      database: options.context.database,
      apiRequestsPerMinute: options.apiRequestsPerMinute,
      clock: options.context.clock,
    }),
  };
  const routes: Route[] = [
    ...publicRoutes(dependencies),
    ...staffRoutes(dependencies),
    ...queueRoutes(dependencies),
    ...caseRoutes(dependencies),
    ...checkRoutes(dependencies),
    ...documentRoutes(dependencies),
    ...accountRoutes(dependencies),
    ...holidayRoutes(dependencies),
    ...talkingPointRoutes(dependencies),
    ...apiRoutes(dependencies),
    ...controlRoutes(dependencies),
  ];
  const log = options.log ?? ((line: string) => console.error(line));
  return async (request: IncomingMessage, response: ServerResponse) => {
    let url = new URL('http://localhost/');
    let isApi = (request.url ?? '').startsWith('/api/');
    try {
      url = parseRequestUrl(request.url);
      isApi = url.pathname.startsWith('/api/');
      const { route, params, allowed } = matchRoute(routes, request.method ?? 'GET', url.pathname);
      if (!route) {
        if (allowed.length > 0)
          throw isApi
            ? new ApiError(405, 'method-not-allowed', `Use ${allowed.join(' or ')}.`)
            : new HttpError(405, '不支持的请求方法。', { allow: allowed.join(', ') });
        throw isApi
          ? new ApiError(404, 'not-found', `No API route ${url.pathname}.`)
          : new HttpError(404, '页面不存在。');
      }
      // Forms are posted from the console's own pages; one sent from another site is refused before anything runs.
      if (request.method === 'POST' && !isApi && !isSameOrigin(request, { publicUrl: options.publicUrl }))
        throw new HttpError(
          403,
          '请求来自其他网站，未予受理。请在本控制台的页面上操作；如经反向代理访问，请管理员将 HUIYING_PUBLIC_URL 设为访问地址。',
        );
      const cookies = parseCookies(request);
      const token = cookies[SESSION_COOKIE];
      const session =
        token && !isApi
          ? await findSession(options.context.database, { token, now: options.context.clock.now() })
          : undefined;
      await route.handle({ request, response, url, params, cookies, session, sessionToken: session && token });
    } catch (error) {
      // A client that went away mid-request (or a response already started) has nobody left to answer.
      if (response.headersSent || request.socket.destroyed || isConnectionReset(error)) {
        response.destroy();
        return;
      }
      if (error instanceof ApiError) {
        sendJson(
          response,
          error.status,
          { error: { code: error.code, message: error.message, ...(error.issues && { issues: error.issues }) } },
          error.headers,
        );
      } else if (error instanceof HttpError && error.status === 303) {
        response.writeHead(303, error.headers);
        response.end();
      } else if (error instanceof HttpError) {
        if (isApi)
          sendJson(
            response,
            error.status,
            { error: { code: error.code ?? 'request-invalid', message: error.message } },
            error.headers,
          );
        else
          sendHtml(
            response,
            layout({ title: '无法完成请求', error: error.message, body: html`<p><a href="/">返回首页</a></p>` }),
            { status: error.status, headers: error.headers },
          );
      } else if (isHuiyingError(error) && error.code === 'database-unavailable') {
        // The database logs the outage once; each request it fails is answered, not logged.
        if (isApi)
          sendJson(
            response,
            503,
            { error: { code: error.code, message: 'The database is unavailable for a moment; retry shortly.' } },
            { 'retry-after': '10' },
          );
        else
          sendHtml(
            response,
            layout({ title: '暂时无法服务', error: '数据库暂时无法访问，您的数据未丢失。请稍后重试。', body: html`` }),
            { status: 503, headers: { 'retry-after': '10' } },
          );
      } else {
        const eventId = randomUUID().slice(0, 8);
        log(
          `[console] event ${eventId}: ${request.method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (isApi)
          sendJson(response, 500, {
            error: {
              code: 'internal',
              message: `Something went wrong (event ${eventId}); nothing was lost. Retry, or report the event id.`,
            },
          });
        else
          sendHtml(
            response,
            layout({
              title: '系统错误',
              error: `系统出现错误（事件编号 ${eventId}），您的数据未丢失。请稍后重试，或将事件编号告知管理员。`,
              body: html``,
            }),
            { status: 500 },
          );
      }
    }
  };
}

// A request target that is no URL at all (`GET http://[ HTTP/1.1`) is the client's mistake, not the console's.
function parseRequestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, '请求地址无效。', {}, 'request-invalid');
  }
}

function isConnectionReset(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || (error as Error | undefined)?.message === 'aborted';
}

/** Starts the console on host:port (port 0 picks a free one) and returns its URL. */
export async function startConsoleServer(
  options: Parameters<typeof createConsoleHandler>[0] & { host: string; port: number },
): Promise<ConsoleServer> {
  const handler = createConsoleHandler(options);
  const server = createServer((request, response) => void handler(request, response));
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new HuiyingError({
              code: 'config-invalid',
              message: `The console cannot listen on ${options.host}:${options.port} (${error.code === 'EADDRINUSE' ? 'another program uses that port' : 'not allowed'}). Choose another with --port or HUIYING_PORT.`,
              cause: error,
            })
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
