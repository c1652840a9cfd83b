import { isHuiyingError } from '../../config/huiying-error.ts';

/**
 * Runs a reviewer's step; one the workflow refuses (`decision-refused`) is shown to the person, with its reason, by
 * `show` (back to the page it came from, with the reason) instead of an error page. Other errors go on to the
 * console's error handler.
 */
export async function showingRefusal(step: () => Promise<void>, show: (error: string) => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!isHuiyingError(error) || error.code !== 'decision-refused') throw error;
    await show(`操作未执行：${error.message}`);
  }
}
