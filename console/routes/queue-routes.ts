import { roleAllows } from '../../review/accounts/roles.ts';
import { listClosedCases, listOpenCases } from '../../review/read-cases.ts';
import { missingScheduleYears } from '../../review/working-day-calendar.ts';
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
          listClosedCases(context.database, { limit: 10, postedOnly: true }),
        ]);
        const body = queuePage({ open, closed, notices: dependencies.webSurface.notices, now, overdueOnly });
        // Until this year's and next year's holidays are entered, working-day deadlines may be too early: say so.
        const missing = missingScheduleYears(context.calendar, now);
        const error =
          missing.length === 0
            ? undefined
            : `${missing.map((year) => `${year}年`).join('、')}的节假日安排尚未录入，跨入该年的答复期限暂按周一至周五计算。${
                roleAllows(session.account.role, 'manage-calendar') ? '请在“节假日安排”中录入。' : '请告知管理员录入。'
              }`;
        sendPage(input, session, { title: '审核队列', body, error, wide: true });
      },
    },
  ];
}
