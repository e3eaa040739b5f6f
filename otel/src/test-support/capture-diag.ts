import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';

/** Every `diag` line from now on (level, message and arguments, as text), at every level. */
export function captureDiag(): string[] {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      lines.push([level, message, ...args.map(String)].join(' '));
  const logger: DiagLogger = {
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    verbose: record('verbose'),
  };
  diag.setLogger(logger, DiagLogLevel.ALL);
  lines.length = 0; // the API's own "registered a global" line
  return lines;
}
