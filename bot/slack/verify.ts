// Slack request signing (v0): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret, checked by
// Bolt's verifySlackRequest, plus the half of the 5-minute window Bolt leaves open: it rejects only old
// requests, so a timestamp more than 5 minutes in the future is refused here.
import { verifySlackRequest } from '@slack/bolt';

export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type SlackVerification = { ok: true } | { ok: false; reason: string };

export function verifySlackSignature(input: {
  signingSecret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
}): SlackVerification {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const ts = Number(timestamp);
  const nowSec = Math.floor(input.nowMs / 1000);
  if (ts > nowSec + SLACK_TIMESTAMP_TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp in the future' };
  if (ts < nowSec - SLACK_TIMESTAMP_TOLERANCE_SECONDS) return { ok: false, reason: 'stale timestamp' };
  try {
    verifySlackRequest({
      signingSecret: input.signingSecret,
      body: input.rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
      nowMilliseconds: input.nowMs,
    });
    return { ok: true };
  } catch {
    return { ok: false, reason: 'signature mismatch' };
  }
}
