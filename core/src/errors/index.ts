export { AppError, invalidRequest, notFound, type ValidationIssue } from './app-error.ts';
export { ERROR_STATUS, type ErrorCode } from './codes.ts';
