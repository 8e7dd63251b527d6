/**
 * A scoped logger. Logs never hold a child's name or ID number: callers log ids and counts only,
 * and `scrub` masks anything that looks like an ID number as a second line of defence.
 */
type Logger = {
  info: (message: string, data?: Record<string, unknown>) => void;
  warn: (message: string, data?: Record<string, unknown>) => void;
  error: (message: string, data?: Record<string, unknown>) => void;
};

type Sink = (line: string) => void;
let sink: Sink = (line) => process.stderr.write(`${line}\n`);
let quiet = process.env.TONGHU_LOG === 'silent';

/** Redirects log lines (tests, the Electron shell's log file). */
export function setLogSink(next: Sink | null): void {
  sink = next ?? ((line) => process.stderr.write(`${line}\n`));
  quiet = false;
}

export function scrub(text: string): string {
  return text.replace(/\b\d{17}[\dXx]\b/g, '[id]').replace(/\b\d{20}\b/g, '[cert]');
}

export function createLogger(scope: string): Logger {
  const emit = (level: string, message: string, data?: Record<string, unknown>) => {
    if (quiet) return;
    const extra = data ? ` ${JSON.stringify(data)}` : '';
    sink(scrub(`${new Date().toISOString()} ${level} [${scope}] ${message}${extra}`));
  };
  return {
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}
