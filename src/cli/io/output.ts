import { AppError, exitCodeOf, isAppError } from '../../core/errors.js';

/** Prints exactly one JSON document on stdout; non-finite numbers become null. */
export const printJson = (value: unknown): void => {
  process.stdout.write(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) +
      '\n',
  );
};

/** Logs and progress go to stderr so that stdout stays one JSON document. */
export const log = (message: string): void => {
  process.stderr.write(message + '\n');
};

/**
 * Runs one command action: prints an AppError as a message on stderr (and as JSON on stdout with --json)
 * and sets the CLI exit code (2 bad input, 1 failure of the work).
 */
export const runAction = async (json: boolean, action: () => Promise<void> | void): Promise<void> => {
  try {
    await action();
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    process.stderr.write(`caiban: ${err.message}\n`);
    if (json) printJson({ error: { code: err.code, message: err.message, details: err.details } });
    process.exitCode = exitCodeOf(err.code);
  }
};
