// The worker's log: pino-shaped (fields, message), so the app's logger can be passed in; by default one JSON
// line per event on stderr. Fields are the job name, the company id and an error's name and message only —
// never job data beyond the company id, never credentials.
export interface JobLog {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

function line(level: string) {
  return (fields: Record<string, unknown>, msg: string) => {
    process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), ...fields, msg })}\n`);
  };
}

export const stderrLog: JobLog = { info: line('info'), warn: line('warn'), error: line('error') };

/** An error as loggable fields: its class and message, capped (a message could echo a response body). */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.name, reason: err.message.slice(0, 300) };
  return { error: typeof err, reason: String(err).slice(0, 300) };
}
