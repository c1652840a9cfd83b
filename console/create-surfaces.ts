import type { HuiyingConfig } from '../config/load-config.ts';
import type { ReviewContext } from '../review/review-context.ts';
import { DiscordSurface } from '../bot/discord/discord-surface.ts';
import { SlackSurface } from '../bot/slack/slack-surface.ts';
import type { Surface } from '../review/surface.ts';
import { WebSurface } from './web-surface.ts';

export type Surfaces = {
  /** By the name stored with each case (`cases.surface`); API inquiries are answered on the web surface. */
  byName: Map<string, Surface>;
  web: WebSurface;
  slack?: SlackSurface;
  discord?: DiscordSurface;
};

/** The one place that picks the surfaces: the web console always, Slack and Discord when they are configured. */
export function createSurfaces(options: {
  config: HuiyingConfig;
  context: ReviewContext;
  kick: (job: 'draft' | 'deliver') => void;
  log: (line: string) => void;
}): Surfaces {
  const web = new WebSurface({ database: options.context.database, clock: options.context.clock });
  const byName = new Map<string, Surface>([
    ['web', web],
    ['api', web],
  ]);
  const slack = options.config.slack
    ? new SlackSurface({
        settings: options.config.slack,
        context: options.context,
        consoleUrl: options.config.review.publicUrl,
        kick: options.kick,
        log: options.log,
      })
    : undefined;
  if (slack) byName.set('slack', slack);
  const discord = options.config.discord
    ? new DiscordSurface({
        settings: options.config.discord,
        context: options.context,
        consoleUrl: options.config.review.publicUrl,
        kick: options.kick,
        log: options.log,
      })
    : undefined;
  if (discord) byName.set('discord', discord);
  return { byName, web, slack, discord };
}
