import { isHuiyingError } from '../../config/huiying-error.ts';
import { listHolidaySchedules, saveHolidaySchedule } from '../../review/holiday-schedules.ts';
import { parseYearSchedule } from '../../review/parse-year-schedule.ts';
import { missingScheduleYears } from '../../review/working-day-calendar.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { redirect } from '../http-io.ts';
import { holidaysPage } from '../pages/holidays-page.ts';
import type { Route, RouteRequest } from '../router.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

/** 节假日安排 for admins: the years the calendar knows, and entering a year's schedule (audited). */
export function holidayRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const show = async (
    input: RouteRequest,
    messages: {
      notice?: string;
      error?: string;
      status?: number;
      values?: Parameters<typeof holidaysPage>[0]['values'];
    },
  ) => {
    const session = requireAccount(input, 'manage-calendar');
    const body = holidaysPage({
      coveredYears: context.calendar.coveredYears(),
      missingYears: missingScheduleYears(context.calendar, context.clock.now()),
      entered: await listHolidaySchedules(context.database),
      csrfToken: session.csrfToken,
      values: messages.values,
    });
    sendPage(input, session, { title: '节假日安排', body, ...messages });
  };
  return [
    {
      method: 'GET',
      path: /^\/holidays$/,
      async handle(input) {
        const saved = input.url.searchParams.get('saved');
        const recomputed = input.url.searchParams.get('recomputed');
        await show(input, {
          notice: saved
            ? `${saved}年节假日安排已保存${recomputed ? `，已重新计算 ${recomputed} 个案件的期限` : ''}。`
            : undefined,
        });
      },
    },
    {
      method: 'POST',
      path: /^\/holidays$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'manage-calendar');
        const values = {
          year: form.get('year') ?? '',
          holidays: form.get('holidays') ?? '',
          workdays: form.get('workdays') ?? '',
          source: form.get('source') ?? '',
        };
        try {
          const schedule = parseYearSchedule(values);
          const { recomputed } = await saveHolidaySchedule(context, {
            schedule,
            source: values.source,
            actor: session.account,
          });
          redirect(input.response, `/holidays?saved=${schedule.year}&recomputed=${recomputed.length}`);
        } catch (error) {
          // The admin's typing is kept in the form, with what to fix.
          if (!isHuiyingError(error)) throw error;
          await show(input, { error: error.message, status: 400, values });
        }
      },
    },
  ];
}
