import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';

const load = (environment: Record<string, string>) => loadConfig({ environment, dotenvPath: '/nonexistent/.env' });

describe('the client address behind a reverse proxy', () => {
  it('uses the connection by default, and the named header from this machine when it is set', () => {
    expect(load({}).review.clientAddress).toEqual({ header: undefined, trustedProxies: ['127.0.0.1', '::1'] });
    expect(
      load({ HUIYING_CLIENT_ADDRESS_HEADER: 'X-Real-IP', HUIYING_TRUSTED_PROXIES: '10.0.0.2, 10.0.0.3 ::1' }).review
        .clientAddress,
    ).toEqual({ header: 'x-real-ip', trustedProxies: ['10.0.0.2', '10.0.0.3', '::1'] });
  });

  it('names the variable and the fix when a value is wrong', () => {
    expect(() => load({ HUIYING_CLIENT_ADDRESS_HEADER: 'X-Forwarded-For: 1.2.3.4' })).toThrow(
      /HUIYING_CLIENT_ADDRESS_HEADER must be a header name such as x-forwarded-for/,
    );
    expect(() => load({ HUIYING_TRUSTED_PROXIES: '127.0.0.1,proxy.internal' })).toThrow(
      /HUIYING_TRUSTED_PROXIES must list IP addresses/,
    );
  });
});
