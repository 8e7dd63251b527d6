/** The closed list of error codes that may cross the boundary. */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'session_locked',
  'unknown_channel',
  'not_found',
  'conflict',
  'duplicate',
  'not_ready',
  'already_initialized',
  'wrong_key',
  'database_corrupt',
  'schema_too_new',
  'bad_credentials',
  'account_locked',
  'password_change_required',
  'weak_password',
  'storage_full',
  'host_unreachable',
  'workstation_revoked',
  /** The database was found damaged and is open read-only: nothing can be saved until it is restored. */
  'read_only',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppErrorShape = {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, for `invalid_input`. */
  field?: string;
  /** Extra structured data (e.g. the existing record of a likely duplicate). */
  details?: unknown;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** A typed error thrown by services and turned into `{ ok: false, error }` by the router. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }
  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) shape.field = this.field;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

/** An input field that failed validation; message in zh-CN. */
export class ValidationError extends AppError {
  constructor(field: string, message: string, details?: unknown) {
    super('invalid_input', message, { field, details });
    this.name = 'ValidationError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
