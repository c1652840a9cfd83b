import type { HuiyingConfig } from '../config/load-config.ts';
import type { ReviewContext } from '../review/review-context.ts';
import { DiscordSurface } from '../bot/discord/discord-surface.ts';
import { SlackSurface } from '../bot/slack/slack-surface.ts';
import type { Surface } from '../review/surface.ts';
import { WebSurface } from './web-surface.ts';

export type Surfaces = {
  /** Every surface, the web console first; the console starts each in this order and stops them all. */
  all: ReadonlyArray<Surface>;
  /** By the name stored with each case (`cases.surface`); API inquiries are answered on the web surface. */
  byName: ReadonlyMap<string, Surface>;
  web: WebSurface;
};

/**
 * The one place that picks the surfaces: the web console always, each chat platform when it is configured. A new
 * surface is constructed here and nowhere else: the console starts, stops, notifies and delivers through the
 * `Surface` interface.
 */
export function createSurfaces(options: {
  config: HuiyingConfig;
  context: ReviewContext;
  kick: (job: 'draft' | 'deliver') => void;
  log: (line: string) => void;
}): Surfaces {
  const { config } = options;
  const web = new WebSurface({ database: options.context.database, clock: options.context.clock });
  const shared = {
    context: options.context,
    consoleUrl: config.review.publicUrl,
    kick: options.kick,
    log: options.log,
  };
  const chat: Surface[] = [
    ...(config.slack ? [new SlackSurface({ settings: config.slack, host: config.review.host, ...shared })] : []),
    ...(config.discord ? [new DiscordSurface({ settings: config.discord, ...shared })] : []),
  ];
  const all = [web, ...chat];
  const byName = new Map<string, Surface>(all.map((surface) => [surface.name, surface]));
  byName.set('api', web);
  return { all, byName, web };
}
