// deliveryErrorCategory on errors as the delivery runner stores them ("<code>: <message>" for permanent ones,
// "<name>: <message>" for transient ones, "gave up after N attempts: …" once retries are used up).
import { describe, expect, it } from 'vitest';
import { deliveryErrorCategory } from './error-category.ts';

describe('deliveryErrorCategory', () => {
  it.each([
    ['discord_10003: Discord refused the post: Unknown Channel (404, code 10003)', 'discord', 'channel not found'],
    [
      'discord_50013: Discord refused the post: Missing Permissions (403, code 50013)',
      'discord',
      'missing permission in the channel',
    ],
    ['discord_50035: Discord refused the post: Invalid Form Body (400, code 50035)', 'discord', 'message refused'],
    ['not_in_channel: Slack refused the post: not_in_channel', 'slack', 'Pulse is not in the channel'],
    ['workspace_unlinked: the workspace was unlinked from this company', 'slack', 'workspace unlinked'],
    ['Error: Discord post failed, will retry: Service Unavailable', 'discord', 'Discord server error'],
    ['Error: Discord post failed, will retry: connect ECONNREFUSED 10.0.0.3:443', 'discord', 'Discord unreachable'],
    ['Error: A rate limit was exceeded (url: chat.postMessage, retry-after: 30)', 'slack', 'Slack rate limited'],
    ['Error: A request error occurred: getaddrinfo ENOTFOUND slack.com', 'slack', 'Slack unreachable'],
    [
      'gave up after 8 attempts: Error: An HTTP protocol error occurred: statusCode = 503',
      'slack',
      'Slack server error',
    ],
    [
      'gave up after 3 attempts that never finished (the worker stopped while posting)',
      'discord',
      'worker stopped while posting',
    ],
    ['WhopError: fetch failed: connect ETIMEDOUT api.whop.com', 'discord', 'Whop unreachable'],
    // A database error while building the post is ours, however it is worded.
    [
      'error: canceling statement due to statement timeout (select * from members where company_id = 7)',
      'discord',
      'internal error',
    ],
    ['gave up after 8 attempts: Error: connect ECONNREFUSED 10.1.2.3:5432', 'slack', 'internal error'],
  ] as const)('%s → %s', (error, platform, category) => {
    expect(deliveryErrorCategory(error, platform)).toBe(category);
  });
});
