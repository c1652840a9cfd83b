import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from '../review/accounts/sessions.ts';

export type RouteRequest = {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** The route pattern's capture groups. */
  params: string[];
  cookies: Record<string, string>;
  /** The signed-in person's session, when there is one. */
  session?: Session;
  /** That session's cookie token, for what is kept with the session (the flash of a form post). */
  sessionToken?: string;
};

export type Route = { method: 'GET' | 'POST'; path: RegExp; handle(input: RouteRequest): Promise<void> };

/** The route for a method and path, with its captures; `allowed` lists the methods the path has when the method is wrong. */
export function matchRoute(
  routes: ReadonlyArray<Route>,
  method: string,
  pathname: string,
): { route?: Route; params: string[]; allowed: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET'))
      return { route, params: match.slice(1), allowed };
    allowed.push(route.method);
  }
  return { params: [], allowed };
}
