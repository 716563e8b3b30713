import type { ErrorCode } from './codes.ts';
import { ERROR_STATUS } from './codes.ts';

/** One problem with the input: where (`catalog[2].sku`, `query.limit`) and what. */
export type ValidationIssue = { path: string; message: string };

type AppErrorOptions = {
  param?: string;
  issues?: ValidationIssue[];
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
};

/** The only error type that crosses layers; the API's error middleware turns it into the one error shape. */
export class AppError extends Error {
  readonly param: string | undefined;
  readonly issues: ValidationIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.param = options.param;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A 404 that says nothing about whether the resource exists for someone else. */
export function notFound(resource: string): AppError {
  return new AppError('not_found', `No such ${resource}.`);
}

/** A 400 built from validation issues; `param` is the first offending field. */
export function invalidRequest(issues: ValidationIssue[], message?: string): AppError {
  const first = issues[0];
  return new AppError('invalid_request', message ?? first?.message ?? 'The request is invalid.', {
    param: first?.path,
    issues,
  });
}
