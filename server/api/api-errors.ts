import { z } from 'zod';

// The one error shape of /api/v1: `{ "error": { "code": "not_found", "message": "…" } }`.
// Codes are stable words clients branch on; the message is a short English reason for people.

export const API_ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const API_ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ApiErrorCode, number>;

export const apiErrorBody = z
  .object({ error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }) })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** Thrown by the framework and by handlers; the HTTP handler turns it into the error shape. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** A zod failure as one short line: the first issue's field and reason. */
export function invalidRequest(where: string, error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : where;
  return new ApiError('invalid_request', `${field}: ${issue?.message ?? 'invalid'}`);
}
