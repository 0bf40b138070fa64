// Log redaction on the final JSON line (pino's streamWrite hook), so it covers every field at any depth, the
// message text, serialized requests and errors alike: values of secret-named keys; emails; tokens inside URLs
// (Discord interaction/webhook tokens, Slack response_url, report-page tokens: the path segment); API keys and
// bearer/bot tokens in free text; passwords in connection URLs.
// Every line runs on the event loop, and request URLs come from anyone: strings are cut to MAX_LOGGED_CHARS
// first (cut.ts), and every quantifier below has an upper bound, so each match attempt scans a bounded stretch
// and a line costs time linear in its length (test/ops/redact.test.ts checks the patterns' sources).
import { cutLongStrings } from './cut.ts';

const R = '[redacted]';

/** `"key":"value"` pairs (a key of up to 100 name characters); the value goes when the key is secretName. */
const keyValue = /"([A-Za-z0-9_-]{1,100})"(\s{0,8}:\s{0,8})"(?:[^"\\]|\\.){0,16384}"/g;
/** Keys naming a secret or personal data: ending in token/secret/..., or one of the header names. */
const secretName =
  /(?:token|secret|password|passwd|signature|api[_-]?key)$|^(?:x-signature-[a-z0-9-]{1,40}|authorization|cookie|set-cookie|response_?url|email)$/i;

/** [pattern, replacement, a literal the text must contain for the pattern to match at all (a cheap pre-check)] */
const textRules: Array<[RegExp, string, string?]> = [
  // user:password@ in connection URLs.
  [/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^:/\s"@\\]{1,256}):([^@/\s"\\]{1,256})@/gi, `$1:${R}@`, '@'],
  // Discord: /webhooks/<application id>/<interaction or webhook token>, /interactions/<id>/<token>/callback.
  [/\/(webhooks|interactions)\/(\d{5,25})\/[A-Za-z0-9._-]{16,2048}/g, `/$1/$2/${R}`, 's/'],
  // Slack response_url and incoming webhooks.
  [/https:\/\/hooks\.slack\.com\/[^\s"\\]{1,2048}/g, `https://hooks.slack.com/${R}`, 'hooks.slack.com'],
  // Report pages /r/<token>[.csv][/...]: the token segment, wherever the path appears (alone or in a URL).
  [
    /(^|[\s"'(=]|:\/\/[^/\s"\\]{1,255})\/r\/[^/?#\s"\\]{1,2048}?(\.(?:csv|png|svg|json))?(?=[/?#\s"\\]|$)/g,
    `$1/r/${R}$2`,
    '/r/',
  ],
  // Setup link pages /link/<single-use token>.
  [/\/link\/[A-Za-z0-9_.-]{16,2048}/g, `/link/${R}`, '/link/'],
  // One-time values in query strings: OAuth codes and states, install grants, link and report tokens.
  [/([?&](?:code|state|grant|token|access_token|refresh_token|code_verifier)=)[^&#\s"\\]{1,2048}/gi, `$1${R}`, '='],
  // Authorization schemes in text.
  [/\b(Bearer|Basic)\s{1,8}[A-Za-z0-9._~+/=-]{12,2048}/g, `$1 ${R}`],
  [/\bBot\s{1,8}[A-Za-z0-9_-]{20,128}\.[A-Za-z0-9._-]{1,256}/g, `Bot ${R}`, 'Bot'],
  // Known key shapes: OpenAI, Slack bot/user/app tokens, Whop webhook secrets, JWTs, Discord bot tokens.
  [/\bsk-[A-Za-z0-9_-]{16,512}/g, R, 'sk-'],
  [/\bxox[abposre]-[A-Za-z0-9-]{8,512}/g, R, 'xox'],
  [/\bxapp-[A-Za-z0-9-]{8,512}/g, R, 'xapp-'],
  [/\b(?:ws|whsec)_[A-Za-z0-9+/=]{16,512}/g, R, 's_'],
  [/\beyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,2048}/g, R, 'eyJ'],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,128}/g, R],
  // Emails anywhere (member names stay: they are not secrets, and logs of admin commands need them). Local part
  // and labels within RFC 5321's lengths; labels exclude the dot, so a domain is matched without backtracking.
  [/[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,63}/g, '[email]', '@'],
];

/** Every pattern redaction runs (for the test that checks each is bounded). */
export const redactionPatterns: readonly RegExp[] = [keyValue, secretName, ...textRules.map(([re]) => re)];

/** Free text with tokens, keys and emails replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, to, hint] of textRules) if (hint === undefined || out.includes(hint)) out = out.replace(re, to);
  return out;
}

/** One JSON log line: long strings cut, secret-named values blanked, then the free-text patterns. */
export function redactLine(line: string): string {
  const cut = cutLongStrings(line);
  const blanked = cut.replace(keyValue, (pair: string, key: string, colon: string) =>
    secretName.test(key) ? `"${key}"${colon}"${R}"` : pair,
  );
  return redactText(blanked);
}
