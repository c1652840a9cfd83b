import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SafeHtml } from './html.ts';
import { FormInvalid, parseForm } from './parse-form.ts';

/**
 * An HTTP error with the status and message the client gets: the client's mistake, answered and never logged. The
 * code names the mistake for the API, which answers in its own words.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly code?: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the body up to `limit` bytes as UTF-8: more is a 413, so one client cannot fill memory; bytes that are not
 * UTF-8 are a 400 rather than being replaced by U+FFFD without anyone noticing.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () =>
    new HttpError(413, `提交的内容过大（上限 ${Math.floor(limit / 1024)} KB），请删减后重试。`, {}, 'body-too-large');
  if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return STRICT_UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, '提交的内容不是有效的 UTF-8 文本，请检查编码后重试。', {}, 'encoding-invalid');
  }
}

/** A form post's fields, read strictly (see parseForm): a 415 for another content type, a 400 for bad characters. */
export async function readForm(request: IncomingMessage, limit = 256 * 1024): Promise<URLSearchParams> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded'))
    throw new HttpError(415, '表单格式不正确：请从控制台页面提交表单（application/x-www-form-urlencoded）。');
  const body = await readBody(request, limit);
  try {
    return parseForm(body);
  } catch (error) {
    if (error instanceof FormInvalid) throw new HttpError(400, error.message, {}, 'encoding-invalid');
    throw error;
  }
}

/** The request's cookies; one whose value cannot be decoded (`%E0%A4%A`) is left out, as if it had not been sent. */
export function parseCookies(request: IncomingMessage): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    try {
      cookies[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A browser never sends this for our cookies; whoever did gets treated as having no cookie.
    }
  }
  return cookies;
}

export function cookie(name: string, value: string, options: { maxAgeSeconds?: number; secure: boolean }): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}${options.maxAgeSeconds !== undefined ? `; Max-Age=${options.maxAgeSeconds}` : ''}`;
}

export function sendHtml(
  response: ServerResponse,
  page: SafeHtml,
  options: { status?: number; headers?: Record<string, string | string[]> } = {},
): void {
  response.writeHead(options.status ?? 200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...options.headers,
  });
  response.end(page.value);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

export function redirect(
  response: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  response.writeHead(303, { ...SECURITY_HEADERS, location, ...headers });
  response.end();
}
