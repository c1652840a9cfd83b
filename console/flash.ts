import type { Queryable } from '../db/database.ts';
import { setFlash, takeFlash, type Flash } from '../review/accounts/session-flash.ts';
import { redirect } from './http-io.ts';
import type { RouteRequest } from './router.ts';

/**
 * Answers a form post with 303 to `location` (POST/redirect/GET), keeping its outcome for the page that opens there:
 * reloading that page shows it, and sends nothing again.
 */
export async function redirectWithFlash(
  input: RouteRequest,
  database: Queryable,
  options: { location: string; flash: Flash },
): Promise<void> {
  if (input.sessionToken) await setFlash(database, { token: input.sessionToken, flash: options.flash });
  redirect(input.response, options.location);
}

/** What the last form post of this session left to show (once), or nothing. */
export async function takePageFlash(input: RouteRequest, database: Queryable): Promise<Flash> {
  return input.sessionToken ? takeFlash(database, input.sessionToken) : {};
}
