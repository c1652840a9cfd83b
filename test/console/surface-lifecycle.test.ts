import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole } from '../../console/run-console.ts';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import { openTestPglite } from '../support/test-databases.ts';
import { waitUntil } from '../support/wait-until.ts';

const SECRET = 'test-signing-secret';
const embedder = new HashingEmbedder({ dimensions: 64 });
const slack = new FakeSlack(SECRET);
let database: Database;

beforeAll(async () => {
  database = await openTestPglite();
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
  await database?.close();
});

/** A port nothing listens on now (the console and Slack are started on it, so a test can look there afterwards). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
}

function environment(options: { discordApiUrl: string; slackPort: number }): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_REVIEW_CHANNEL: 'C-review',
    SLACK_API_URL: slack.apiUrl,
    HUIYING_SLACK_PORT: String(options.slackPort),
    DISCORD_BOT_TOKEN: 'test-token',
    DISCORD_REVIEW_CHANNEL: '500000000000000002',
    DISCORD_API_URL: options.discordApiUrl,
  };
}

describe('the console runs every configured surface', () => {
  it("starts each surface, says where Slack's requests go, and stops them all", async () => {
    const discord = new FakeDiscord();
    await discord.start();
    const slackPort = await freePort();
    try {
      const running = await runConsole({
        config: loadConfig({ environment: environment({ discordApiUrl: discord.apiUrl, slackPort }) }),
        database,
        embedder,
        port: 0,
        warmUpSearches: 0,
        log: () => {},
      });
      expect(running.endpoints).toEqual([
        {
          surface: 'slack',
          label: 'Slack',
          url: `http://127.0.0.1:${slackPort}/slack/events`,
          purpose: 'Request URL for events, commands and interactivity',
        },
      ]);
      expect(await slack.sendCommand(running.endpoints[0]!.url, { text: '', user_id: 'U-x' })).toBe(200);
      expect(discord.gatewayConnections).toBe(1);
      expect([...new Set(running.surfaces.all.map((surface) => surface.name))]).toEqual(['web', 'slack', 'discord']);
      expect(running.surfaces.byName.get('api')).toBe(running.surfaces.web);

      await running.stop();
      expect(await listening(slackPort)).toBe(false);
      await waitUntil(() => discord.gatewayConnections === 0, { what: 'the Discord bot to disconnect' });
      expect(await listening(Number(new URL(running.url).port))).toBe(false);
    } finally {
      await discord.stop();
    }
  });

  it('stops the surfaces already started, and the console, when one cannot start, and says why', async () => {
    const discord = new FakeDiscord({ rejectToken: true });
    await discord.start();
    const [slackPort, consolePort] = [await freePort(), await freePort()];
    try {
      await expect(
        runConsole({
          config: loadConfig({ environment: environment({ discordApiUrl: discord.apiUrl, slackPort }) }),
          database,
          embedder,
          port: consolePort,
          warmUpSearches: 0,
          log: () => {},
        }),
      ).rejects.toThrow(/token/i);
      // Slack had started before Discord refused the token: nothing is left listening.
      expect(discord.calls.some((call) => call.path === '/gateway/bot')).toBe(true);
      expect(await listening(slackPort)).toBe(false);
      expect(await listening(consolePort)).toBe(false);
    } finally {
      await discord.stop();
    }
  });
});
