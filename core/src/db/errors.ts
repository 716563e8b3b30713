import { AppError } from '../errors/index.ts';
import { isStalePreparedStatement } from './statement-names.ts';

type PgError = Error & { code?: string; constraint?: string; detail?: string };

/** What a unique constraint means to an API caller. Constraints not listed become a generic conflict. */
const UNIQUE_CONSTRAINTS: Record<string, { message: string; param?: string }> = {
  workspaces_partner_id_external_id_unique: {
    message: 'Another workspace of yours already has this external_id.',
    param: 'external_id',
  },
  users_partner_id_email_unique: {
    message: 'A user with this email already exists for your account.',
    param: 'email',
  },
  partner_hostnames_pkey: {
    message: 'One of these portal hostnames is already in use.',
    param: 'portal_hostnames',
  },
};

/** The detail of a foreign key violation by an insert or update: `… is not present in table "workspaces".` */
const MISSING_PARENT = /is not present in table "([a-z_]+)"/;

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P03']);

function isPgError(error: unknown): error is PgError {
  return error instanceof Error && typeof (error as PgError).code === 'string';
}

/** Turns driver errors into AppErrors once, at the database boundary. Other errors pass through. */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  if (error.name === 'KnexTimeoutError') {
    return new AppError('service_unavailable', 'The database is not answering. Try again shortly.', {
      cause: error,
    });
  }
  if (!isPgError(error)) return error;
  if (error.code === '23505') {
    const known = error.constraint ? UNIQUE_CONSTRAINTS[error.constraint] : undefined;
    return new AppError('conflict', known?.message ?? 'This conflicts with an existing resource.', {
      param: known?.param,
      cause: error,
    });
  }
  // A row written for a parent that is gone: the parent (usually the workspace) was deleted by a
  // request that committed while this one ran, after it had checked the parent exists.
  const missingParent = error.code === '23503' ? MISSING_PARENT.exec(error.detail ?? '') : null;
  if (missingParent) {
    const resource = (missingParent[1] ?? 'resource').replace(/s$/, '').replaceAll('_', ' ');
    return new AppError('not_found', `No such ${resource}.`, { cause: error });
  }
  if (isStalePreparedStatement(error)) {
    // A migration changed a table while this request ran; the next attempt prepares afresh.
    return new AppError('service_unavailable', 'The database was being updated. Try again shortly.', {
      cause: error,
    });
  }
  if (error.code === '40P01' || error.code === '40001') {
    // Two transactions met (a deadlock, or a serialization failure) and PostgreSQL rolled this one
    // back whole: nothing of it was written, and the same request again will go through.
    return new AppError('service_unavailable', 'The request met another at the same moment. Try again.', {
      cause: error,
    });
  }
  if (error.code && (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('08'))) {
    return new AppError('service_unavailable', 'The database is not answering. Try again shortly.', {
      cause: error,
    });
  }
  return error;
}
