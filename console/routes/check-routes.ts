import { z } from 'zod';
import { DEFAULTS } from '../../config/defaults.ts';
import { isHuiyingError } from '../../config/huiying-error.ts';
import { allSupported, checkStatement, type StatementCheck } from '../../drafting/check-statement.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { sendJson } from '../http-io.ts';
import { checkPage } from '../pages/check-page.ts';
import type { Route } from '../router.ts';
import { ApiError } from './api-error.ts';
import { authoriseApiKey } from './api-routes.ts';
import { readJsonRequest } from './read-json-request.ts';
import { requireAccount, requireAccountForm } from './require-account.ts';
import { sendPage } from './send-page.ts';

const BODY_LIMIT = 96 * 1024;
const checkSchema = z
  .object({
    text: z
      .string()
      .max(
        DEFAULTS.statementCheck.maxCharacters,
        `text may have at most ${DEFAULTS.statementCheck.maxCharacters} characters; check a long statement in parts`,
      ),
  })
  .strict();

/**
 * 核稿 (statement check): a page for drafters and approvers, and `POST /api/check` for a website's CMS to call
 * before it publishes. Both check against the knowledge base only: no case, draft or past answer is read.
 */
export function checkRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const check = (text: string): Promise<StatementCheck> =>
    checkStatement({
      database: context.database,
      embedder: context.embedder,
      text,
      officeContacts: context.officeContacts,
    });
  return [
    {
      method: 'GET',
      path: /^\/check$/,
      async handle(input) {
        const session = requireAccount(input, 'edit');
        sendPage(input, session, { title: '核稿', body: checkPage({ csrfToken: session.csrfToken }) });
      },
    },
    {
      method: 'POST',
      path: /^\/check$/,
      async handle(input) {
        const { session, form } = await requireAccountForm(input, 'edit');
        const statement = form.get('statement') ?? '';
        // Checking changes nothing, so the result is shown in answer to the post itself.
        try {
          const result = await check(statement);
          sendPage(input, session, {
            title: '核稿',
            body: checkPage({ csrfToken: session.csrfToken, statement, result }),
          });
        } catch (error) {
          if (!isHuiyingError(error) || error.code !== 'statement-invalid') throw error;
          const body = checkPage({ csrfToken: session.csrfToken, statement });
          sendPage(input, session, { title: '核稿', body, error: error.message, status: 422 });
        }
      },
    },
    {
      method: 'POST',
      path: /^\/api\/check$/,
      async handle(input) {
        await authoriseApiKey(dependencies, input);
        const { text } = await readJsonRequest(input.request, {
          limitBytes: BODY_LIMIT,
          schema: checkSchema,
          sendAs: '{"text": "…"}',
          invalid: { code: 'statement-invalid', message: 'Send {"text": "<the statement>"} and nothing else' },
        });
        const result = await check(text).catch((error: unknown) => {
          if (isHuiyingError(error) && error.code === 'statement-invalid')
            throw new ApiError(
              error.details.problem === 'empty' ? 422 : 413,
              error.code,
              error.details.problem === 'empty'
                ? 'text holds no sentence to check.'
                : `The statement has ${String(error.details.sentences ?? error.details.characters)} ${error.details.sentences ? 'sentences' : 'characters'}; at most ${String(error.details.limit)} are checked at once: check it in parts.`,
            );
          throw error;
        });
        sendJson(input.response, 200, { ...result, allSupported: allSupported(result) });
      },
    },
  ];
}
