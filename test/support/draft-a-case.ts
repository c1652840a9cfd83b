import type { RunningConsole } from '../../console/run-console.ts';
import { findCase } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';

/** A citizen's question received on the web surface and drafted by the console's own worker; returns its case id. */
export async function draftACase(
  running: RunningConsole,
  text = '申请公开政府信息，多长时间能得到答复？',
): Promise<number> {
  const { caseId } = await submitInquiry(running.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: `citizen-${Math.random()}`,
    receivedBy: 'surface:web',
  });
  await running.worker.kick('draft');
  const found = await findCase(running.context.database, caseId);
  if (found?.status !== 'awaiting-review') throw new Error(`case ${caseId} was not drafted (${found?.status})`);
  return caseId;
}
