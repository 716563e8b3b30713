import { type Logger, pino } from 'pino';
import { currentContext } from './context.ts';

export type { Logger };

/** A small closed set of log categories, so logs can be filtered by concern. */
export type LogCategory = 'http' | 'auth' | 'db' | 'queue' | 'webhook' | 'llm' | 'lifecycle' | 'cli';

/** Paths never written to a log, wherever they appear. */
export const REDACT_PATHS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'access_token',
  'api_key',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.access_token',
  '*.api_key',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/**
 * PostgreSQL's error fields that quote stored values: `detail` ("Failing row contains (…)": the
 * whole row, a customer's message with it), `where` and `internalQuery` (a function's statement and
 * its context). The code, constraint, table and message say what went wrong without them.
 */
const VALUE_QUOTING_FIELDS = ['detail', 'where', 'internalQuery'];

type SerializedError = Record<string, unknown>;

function withoutQuotedValues(serialized: SerializedError): SerializedError {
  for (const field of VALUE_QUOTING_FIELDS) delete serialized[field];
  // (A cause is serialized as its message and stack only; an aggregate's errors in full.)
  const aggregated = serialized.aggregateErrors;
  if (Array.isArray(aggregated)) {
    for (const inner of aggregated) if (inner && typeof inner === 'object') withoutQuotedValues(inner);
  }
  return serialized;
}

/** pino's error serializer, less the fields of a database error that quote stored values. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return withoutQuotedValues(pino.stdSerializers.err(error) as unknown as SerializedError);
}

type LoggerOptions = {
  level: string;
  /** Where lines go; stdout by default. The CLI logs to stderr so stdout stays machine-readable. */
  destination?: pino.DestinationStream;
  base?: Record<string, unknown>;
};

/** JSON logger with redaction; each line carries the request/job id and tenant of the current context. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: options.base ?? {},
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const context = currentContext();
        if (!context) return {};
        return {
          request_id: context.requestId,
          job_id: context.jobId,
          partner_id: context.partnerId,
          workspace_id: context.workspaceId,
        };
      },
    },
    options.destination ?? pino.destination(1),
  );
}
