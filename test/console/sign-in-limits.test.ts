import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole } from '../../console/run-console.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { TEST_PASSWORD, useRunningConsole } from '../support/running-console.ts';

// Behind a reverse proxy on this machine, which names each client in X-Forwarded-For. The clock stands still, so no
// bucket refills while a test runs.
const clock = new ManualClock('2026-11-23T09:00:00+08:00');
const consoleUnderTest = useRunningConsole({
  environment: { HUIYING_CLIENT_ADDRESS_HEADER: 'x-forwarded-for' },
  clock,
});

const from = (address: string, baseUrl = consoleUnderTest.url) =>
  new ConsoleClient(baseUrl, { 'x-forwarded-for': address });

async function signInStatus(client: ConsoleClient, username: string, password: string): Promise<number> {
  return (await client.postLogin({ username, password })).status;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

describe('sign-in limits', () => {
  it('counts attempts when they start: sixty wrong passwords sent at once get ten checks', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, index) => signInStatus(from('198.51.100.1'), 'approver-zhao', `guess ${index}`)),
    );
    expect(tally(statuses)).toEqual({ 401: 10, 429: 50 });
  });

  it('locks out only the account being guessed: a colleague at the same address signs in right after', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, index) => signInStatus(from('198.51.100.2'), 'drafter-wang', `guess ${index}`)),
    );
    expect(await signInStatus(from('198.51.100.2'), 'approver-chen', TEST_PASSWORD)).toBe(303);
    // The guessed account waits out the minute, from any address: that is what stops the guessing.
    expect(await signInStatus(from('203.0.113.77'), 'drafter-wang', TEST_PASSWORD)).toBe(429);
  });

  it('stops one address guessing across many usernames, and no other address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 31; index += 1)
      statuses.push(await signInStatus(from('198.51.100.3'), `nobody-${index}`, 'password1'));
    expect(tally(statuses)).toEqual({ 401: 30, 429: 1 });
    expect(await signInStatus(from('198.51.100.4'), 'staff-li', TEST_PASSWORD)).toBe(303);
  });

  it('believes only the address the trusted proxy wrote, not what the client put before it', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 31; index += 1)
      statuses.push(await signInStatus(from(`10.0.0.${index}, 198.51.100.5`), `someone-${index}`, 'password1'));
    expect(tally(statuses)).toEqual({ 401: 30, 429: 1 });
  });

  it('ignores the header from a peer that is not a trusted proxy', async () => {
    const direct = await runConsole({
      config: loadConfig({
        environment: { HUIYING_CLIENT_ADDRESS_HEADER: 'x-forwarded-for', HUIYING_TRUSTED_PROXIES: '192.0.2.10' },
      }),
      database: consoleUnderTest.sample.database,
      clock,
      embedder: consoleUnderTest.sample.embedder,
      port: 0,
      warmUpSearches: 0,
      log: () => {},
    });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 31; index += 1)
        statuses.push(await signInStatus(from(`203.0.113.${index}`, direct.url), `spoofer-${index}`, 'password1'));
      expect(tally(statuses)).toEqual({ 401: 30, 429: 1 });
    } finally {
      await direct.stop();
    }
  });

  it('does the same work for a username that does not exist as for a wrong password', async () => {
    // Process CPU time (the password hash runs on libuv's threads, counted too) rather than wall time, which other
    // work on the machine disturbs. Without the hash for unknown users the first costs a small fraction of the second.
    const cpuFor = async (username: string, index: number) => {
      const client = from(`198.51.101.${index}`);
      const page = await client.get('/login');
      const token = ConsoleClient.field(page.body, 'login_token');
      const before = process.cpuUsage();
      const response = await client.post('/login', { login_token: token, username, password: 'wrong password' });
      const used = process.cpuUsage(before);
      expect(response.status).toBe(401);
      return used.user + used.system;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      unknown.push(await cpuFor(`no-such-user-${index}`, index * 2));
      known.push(await cpuFor('admin-he', index * 2 + 1));
    }
    const median = (values: number[]) =>
      [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
  });
});
