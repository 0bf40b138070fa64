// Log redaction on the final JSON line (pino's streamWrite hook), so it covers every field at any depth, the
// message text, serialized requests and errors alike: values of secret-named keys; emails; tokens inside URLs
// (Discord interaction/webhook tokens, Slack response_url, report-page tokens: the path segment); API keys and
// bearer/bot tokens in free text; passwords in connection URLs.
const R = '[redacted]';

/** `"key":"value"` pairs whose key names a secret or personal data: the value goes. */
const secretKeys = /"([A-Za-z0-9_-]*(?:token|secret|password|passwd|signature|api[_-]?key)|x-signature-[a-z0-9-]+|authorization|cookie|set-cookie|response_?url|email)"(\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** [pattern, replacement, a literal the text must contain for the pattern to match at all (a cheap pre-check)] */
const textRules: Array<[RegExp, string, string?]> = [
  // user:password@ in connection URLs.
  [/([a-z][a-z0-9+.-]*:\/\/[^:/\s"@\\]+):([^@/\s"\\]+)@/gi, `$1:${R}@`, '@'],
  // Discord: /webhooks/<application id>/<interaction or webhook token>, /interactions/<id>/<token>/callback.
  [/\/(webhooks|interactions)\/(\d{5,25})\/[A-Za-z0-9._-]{16,}/g, `/$1/$2/${R}`, 's/'],
  // Slack response_url and incoming webhooks.
  [/https:\/\/hooks\.slack\.com\/[^\s"\\]+/g, `https://hooks.slack.com/${R}`, 'hooks.slack.com'],
  // Report pages /r/<token>[.csv][/...]: the token segment, wherever the path appears (alone or in a URL).
  [/(^|[\s"'(=]|:\/\/[^/\s"\\]+)\/r\/[^/?#\s"\\]+?(\.(?:csv|png|svg|json))?(?=[/?#\s"\\]|$)/g, `$1/r/${R}$2`, '/r/'],
  // Authorization schemes in text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/g, `$1 ${R}`],
  [/\bBot\s+[A-Za-z0-9_-]{20,}\.[A-Za-z0-9._-]+/g, `Bot ${R}`, 'Bot'],
  // Known key shapes: OpenAI, Slack bot/user/app tokens, Whop webhook secrets, JWTs, Discord bot tokens.
  [/\bsk-[A-Za-z0-9_-]{16,}/g, R, 'sk-'],
  [/\bxox[abposre]-[A-Za-z0-9-]{8,}/g, R, 'xox'],
  [/\bxapp-[A-Za-z0-9-]{8,}/g, R, 'xapp-'],
  [/\b(?:ws|whsec)_[A-Za-z0-9+/=]{16,}/g, R, 's_'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, R, 'eyJ'],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, R],
  // Emails anywhere (member names stay: they are not secrets, and logs of admin commands need them).
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]', '@'],
];

/** Free text with tokens, keys and emails replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, to, hint] of textRules) if (hint === undefined || out.includes(hint)) out = out.replace(re, to);
  return out;
}

/** One JSON log line: secret-named values, then free-text patterns. */
export function redactLine(line: string): string {
  return redactText(line.replace(secretKeys, `"$1"$2"${R}"`));
}
