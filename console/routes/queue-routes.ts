import { listClosedCases, listOpenCases } from '../../review/read-cases.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { queuePage } from '../pages/queue-page.ts';
import type { Route } from '../router.ts';
import { requireAccount } from './require-account.ts';
import { sendPage } from './send-page.ts';

/** The review queue: open cases by deadline (or only the overdue ones), the last closed, the web surface's notices. */
export function queueRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  return [
    {
      method: 'GET',
      path: /^\/queue$/,
      async handle(input) {
        const session = requireAccount(input, 'review');
        const now = context.clock.now();
        const overdueOnly = input.url.searchParams.get('overdue') === '1';
        const [open, closed] = await Promise.all([
          listOpenCases(context.database, overdueOnly ? { overdueAt: now } : {}),
          listClosedCases(context.database, { limit: 10 }),
        ]);
        const body = queuePage({ open, closed, notices: dependencies.webSurface.notices, now, overdueOnly });
        sendPage(input, session, { title: '审核队列', body });
      },
    },
  ];
}
