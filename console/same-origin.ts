import type { IncomingMessage } from 'node:http';

/**
 * Whether a form post comes from the console's own pages, by what the browser says about where it was sent from:
 * `Origin`, or failing that `Referer`. Allowed are this host as the request names it and the address people reach
 * the console at (HUIYING_PUBLIC_URL, behind a reverse proxy that rewrites Host). A post that carries neither header
 * (no browser, or a very old one) is left to the forms' tokens, which a page on another site cannot know.
 */
export function isSameOrigin(request: IncomingMessage, options: { publicUrl?: string }): boolean {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (claimed === undefined) return true;
  const origin = originOf(claimed);
  if (origin === undefined) return false;
  if (request.headers.host !== undefined && new URL(origin).host === request.headers.host) return true;
  return options.publicUrl !== undefined && originOf(options.publicUrl) === origin;
}

// `null` (a sandboxed frame, a page sent with no-referrer) and anything unparsable is nobody's origin.
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
