import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { ReviewConfig } from '../config/load-config.ts';

/**
 * The client's address, for the per-address limits. Behind a reverse proxy every connection comes from the proxy,
 * which would make one office (or the whole public) one client: with HUIYING_CLIENT_ADDRESS_HEADER set, a request
 * from a trusted proxy is attributed to the address that proxy wrote into the header. Only the entries the trusted
 * proxies appended are believed (read from the right); whatever a client sends in the header itself is not.
 */
export function clientAddressOf(request: IncomingMessage, settings: ReviewConfig['clientAddress']): string {
  const peer = plain(request.socket.remoteAddress ?? 'unknown');
  if (!settings.header || !settings.trustedProxies.includes(peer)) return peer;
  const value = request.headers[settings.header];
  const listed = (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((entry) => plain(entry.trim()))
    .filter((entry) => entry !== '');
  for (let index = listed.length - 1; index >= 0; index -= 1) {
    const address = listed[index]!;
    // What is not an address was not written by a proxy we trust: count the request against the proxy itself.
    if (isIP(address) === 0) return peer;
    if (!settings.trustedProxies.includes(address)) return address;
  }
  return peer;
}

// An IPv4 client on a dual-stack socket shows as ::ffff:192.0.2.1.
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
