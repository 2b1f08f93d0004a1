/**
 * The one error model of Caiban. Core, server and CLI throw `AppError`; the server maps `code` to an HTTP
 * status through `httpStatusOf`, the CLI maps it to an exit code through `exitCodeOf`.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** Advice refused because the customer's risk assessment is expired or missing (409). */
  | 'ASSESSMENT_EXPIRED'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_EVIDENCE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Bad input naming the field (column, flag, property) and what was expected. */
export const badInput = (field: string, message: string, details: ErrorDetails = {}): AppError =>
  new AppError('BAD_INPUT', `${field}: ${message}`, { field, ...details });

const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ASSESSMENT_EXPIRED: 409,
  RATE_LIMITED: 429,
  INSUFFICIENT_EVIDENCE: 422,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const httpStatusOf = (code: ErrorCode): number => HTTP_STATUS[code];

/** CLI contract: 2 for bad usage or bad input, 1 for a failure of the work. */
export const exitCodeOf = (code: ErrorCode): 1 | 2 => (code === 'BAD_INPUT' ? 2 : 1);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
