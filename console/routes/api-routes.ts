import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../audit/canonical-json.ts';
import { isHuiyingError } from '../../config/huiying-error.ts';
import { findApiKey } from '../../review/accounts/api-keys.ts';
import { PUBLIC_CASE_KINDS } from '../../review/case-kinds.ts';
import { findVerifiedAnswer } from '../../review/find-verified-answer.ts';
import { findCase, findCaseForApiKey } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { isStorableText } from '../../text/storable-text.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { sendJson } from '../http-io.ts';
import type { Route, RouteRequest } from '../router.ts';
import { ApiError } from './api-error.ts';
import { readJsonRequest } from './read-json-request.ts';

// The database cannot store NUL, and an unpaired surrogate is no character: refused with the field they are in.
const storable = z.string().refine(isStorableText, 'must not contain NUL characters or unpaired surrogates');

const inquirySchema = z
  .object({
    kind: z.enum(PUBLIC_CASE_KINDS),
    text: storable
      .trim()
      .min(4, 'text must have at least 4 characters')
      .max(8_000, 'text may have at most 8000 characters'),
    author: z.object({ id: storable.trim().min(1).max(200) }).strict(),
    /** Where the sending system wants the answer; kept with the case and returned with it. */
    replyTo: z.record(storable.max(100), z.union([storable.max(500), z.number().finite()])).optional(),
  })
  .strict();

/** The API key a request carries (401 without a known one), counted against its rate limit (429 past it). */
export async function authoriseApiKey(dependencies: ConsoleDependencies, input: RouteRequest) {
  const header = input.request.headers.authorization ?? '';
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key)
    throw new ApiError(
      401,
      'api-key-missing',
      'Send the API key as "Authorization: Bearer <key>". Create one with `huiying key add <name>`.',
    );
  const found = await findApiKey(dependencies.context.database, key);
  if (!found) throw new ApiError(401, 'api-key-invalid', 'The API key is unknown or revoked.');
  const limit = await dependencies.limits.api.take(`key:${found.id}`);
  if (!limit.allowed)
    throw new ApiError(429, 'rate-limited', `Too many requests; retry in ${limit.retryAfterSeconds} s.`, undefined, {
      'retry-after': String(limit.retryAfterSeconds),
    });
  return found;
}

/** The HTTP API for other systems (a monitoring system or hotline pushing items in): API key, JSON, validated, rate limited. */
export function apiRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  const authorise = (input: RouteRequest) => authoriseApiKey(dependencies, input);
  return [
    {
      method: 'POST',
      path: /^\/api\/inquiries$/,
      async handle(input) {
        const apiKey = await authorise(input);
        const inquiry = await readJsonRequest(input.request, {
          limitBytes: 64 * 1024,
          schema: inquirySchema,
          sendAs: 'the inquiry',
          invalid: { code: 'inquiry-invalid', message: 'The inquiry is invalid' },
        });
        const idempotencyKey = input.request.headers['idempotency-key'];
        if (
          idempotencyKey !== undefined &&
          (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey))
        ) {
          throw new ApiError(
            400,
            'idempotency-key-invalid',
            'Idempotency-Key must be 1 to 200 visible ASCII characters.',
          );
        }
        const received = await submitInquiry(context, {
          kind: inquiry.kind,
          text: inquiry.text,
          surface: 'api',
          replyTarget: inquiry.replyTo ?? {},
          authorId: `${apiKey.name}:${inquiry.author.id}`,
          receivedBy: `api:${apiKey.name}`,
          sourceKey: idempotencyKey === undefined ? undefined : `api:${apiKey.id}:${idempotencyKey}`,
          sourceFingerprint: createHash('sha256').update(canonicalJson(inquiry)).digest('hex'),
          apiKeyId: apiKey.id,
        }).catch((error: unknown) => {
          if (isHuiyingError(error) && error.code === 'idempotency-key-reused')
            throw new ApiError(422, error.code, error.message);
          throw error;
        });
        void dependencies.worker.kick('draft');
        // A retried submission (same Idempotency-Key, same body) gets the first case back, with 200 instead of 202.
        // The id is the case's unguessable reference, not its sequence number.
        sendJson(input.response, received.duplicate ? 200 : 202, {
          id: received.publicReference,
          reference: received.publicReference,
          status: received.duplicate ? (await findCase(context.database, received.caseId))!.status : 'received',
          dueAt: received.dueAt.toISOString(),
          links: {
            self: `/api/inquiries/${received.publicReference}`,
            public: `/answers/${received.publicReference}`,
          },
        });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/inquiries\/([^/]+)$/,
      async handle(input) {
        const apiKey = await authorise(input);
        const reference = input.params[0]!;
        if (!/^HY(-[0-9A-Z]{4}){3}$/.test(reference))
          throw new ApiError(
            400,
            'id-invalid',
            'The inquiry id is the "id" POST /api/inquiries returned, such as HY-7KQ2-M9XD-R4TB.',
          );
        // Another key's inquiry is not found either (404, not 403): a key cannot tell which references exist.
        const found = await findCaseForApiKey(context.database, { publicReference: reference, apiKeyId: apiKey.id });
        if (!found) throw new ApiError(404, 'inquiry-not-found', `This API key submitted no inquiry ${reference}.`);
        const answer = await findVerifiedAnswer(context.database, found.id);
        sendJson(input.response, 200, {
          id: found.publicReference,
          reference: found.publicReference,
          kind: found.kind,
          status: found.status,
          severity: found.severity,
          unit: found.unit,
          topic: found.topic,
          receivedAt: found.receivedAt.toISOString(),
          dueAt: found.dueAt.toISOString(),
          replyTo: found.replyTarget,
          // Only the approved text, checked against the audit trail; one that no longer matches is withheld.
          answer: answer?.shown
            ? {
                text: answer.text,
                publishedAt: answer.publishedAt.toISOString(),
                ...(answer.withdrawn
                  ? { withdrawnAt: answer.withdrawn.at.toISOString(), withdrawnReason: answer.withdrawn.reason }
                  : {}),
              }
            : null,
          ...(answer && !answer.shown && { answerWithheld: 'the published text no longer matches the approved text' }),
        });
      },
    },
  ];
}
