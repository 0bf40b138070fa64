// Logs for a terminal: the JSON line, already redacted, becomes `HH:MM:SS LEVEL msg key=value…`; LOG_FORMAT
// overrides the TTY guess; redaction runs before the formatting (a secret never reaches the terminal).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions, observabilityServerOptions, redactLine } from '../../server/observability/index.ts';
import { logFormat, prettyLine } from '../../server/observability/pretty.ts';

// A local time of 09:05:07, whatever the machine's time zone.
const at = new Date(2026, 2, 14, 9, 5, 7, 250).getTime();

describe('pretty log lines', () => {
  it('renders a request line exactly', () => {
    const line =
      JSON.stringify({
        level: 30,
        time: at,
        pid: 7,
        hostname: 'box',
        reqId: 'req-1',
        req: { method: 'GET', url: '/healthz' },
        msg: 'incoming request',
      }) + '\n';
    expect(prettyLine(line)).toBe('09:05:07 INFO  incoming request reqId=req-1 req.method=GET req.url=/healthz\n');
  });

  it("quotes values with spaces, escapes control characters, shows an error's stack below", () => {
    const line = JSON.stringify({
      level: 50,
      time: at,
      msg: 'sync failed\u001b[2J',
      company: 'Acme Gym "East"',
      n: 3,
      ok: false,
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x (a.ts:1:1)' },
    });
    expect(prettyLine(line)).toBe(
      '09:05:07 ERROR sync failed\\u001b[2J company="Acme Gym \\"East\\"" n=3 ok=false err.type=Error err.message=boom\n' +
        '    Error: boom\n        at x (a.ts:1:1)\n',
    );
  });

  it('shows what the redactor left: a scrubbed line stays scrubbed', () => {
    const scrubbed = redactLine(
      JSON.stringify({
        level: 40,
        time: at,
        msg: 'posting to https://hooks.slack.com/services/T1/B2/abcdefgh',
        apiSecret: 'plain-value-123',
        user: 'ann@example.com',
      }) + '\n',
    );
    expect(prettyLine(scrubbed)).toBe(
      '09:05:07 WARN  posting to https://hooks.slack.com/[redacted] apiSecret=[redacted] user=[email]\n',
    );
  });

  it('through the real logger: redaction first, then the pretty line', () => {
    const lines: string[] = [];
    const app = Fastify(
      observabilityServerOptions(
        'info',
        loggerOptions(
          'info',
          {
            write: (l) => {
              lines.push(l);
            },
          },
          'pretty',
        ),
      ),
    );
    // A secret only the JSON key rule catches: were the line formatted first, `apiSecret=plain-value-123` would pass.
    app.log.info({ apiSecret: 'plain-value-123' }, 'configured');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO  configured apiSecret=\[redacted\]/);
    expect(lines[0]).not.toContain('plain-value-123');
    const json: string[] = [];
    Fastify(
      observabilityServerOptions(
        'info',
        loggerOptions('info', {
          write: (l) => {
            json.push(l);
          },
        }),
      ),
    ).log.info('plain');
    expect(JSON.parse(json[0]!)).toMatchObject({ msg: 'plain', level: 30 });
  });

  it('LOG_FORMAT overrides the terminal guess', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat(undefined, false)).toBe('json');
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat('pretty', false)).toBe('pretty');
  });
});
