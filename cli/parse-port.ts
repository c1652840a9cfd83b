import type { OptionValues } from './command.ts';
import { usageError } from './usage-error.ts';

/** The --port option as a number, or undefined for the configured port. */
export function parsePort(value: OptionValues[string]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw usageError('--port must be a port number (0 to 65535).', '--port 8080');
  return Number(value);
}
