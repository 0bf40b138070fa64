// What Pulse asks a workspace for when it is installed, and where Slack sends the installer back. Each bot scope
// is used by something in bot/slack: `commands` (/pulse), `chat:write` (answers, digests, alerts, and a person's
// messages tab: chat.postMessage to a user id needs no more), `files:write` (chart PNGs, files.uploadV2),
// `users:read` (is the person a workspace admin: users.info), `usergroups:read` (the user groups a creator lets in).
// App Home (views.publish) and the app_home_opened, app_uninstalled and tokens_revoked events need no scope.
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'files:write', 'users:read', 'usergroups:read'] as const;

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/** How long an install may take between /slack/install and the redirect back (the state cookie's lifetime too). */
export const SLACK_STATE_TTL_S = 600;

export function slackRedirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${SLACK_REDIRECT_PATH}`;
}
