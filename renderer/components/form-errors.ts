import type { z } from 'zod';
import { ApiError } from '../api/client';

/** Validates form values with a contract schema; returns Mantine form errors keyed by field path. */
export function zodValidate<S extends z.ZodType>(schema: S) {
  return (values: unknown): Record<string, string> => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!(path in errors)) errors[path] = issue.message;
    }
    return errors;
  };
}

/**
 * Puts a service error next to its field (and every issue the service listed); returns the
 * message to show at form level when no field is named.
 */
export function applyServiceError(error: unknown, setFieldError: (path: string, message: string) => void): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (issues && issues.length > 0) {
    for (const issue of issues) setFieldError(issue.path, issue.message);
    return null;
  }
  if (error.field) {
    setFieldError(error.field, error.message);
    return null;
  }
  return error.message;
}

/** For a form with a single input: the message to show under it, whether or not the service named a field. */
export function singleFieldError(error: unknown): string {
  let fieldMessage: string | null = null;
  const formMessage = applyServiceError(error, (_path, message) => {
    fieldMessage ??= message;
  });
  return fieldMessage ?? formMessage ?? '';
}
