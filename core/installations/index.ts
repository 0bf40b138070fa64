// Chat installations Pulse keeps itself: Slack's per-workspace bot tokens and the OAuth states of installs in
// progress (Discord needs none: one bot token serves every server).
export * from './slack-installations.repository.ts';
export * from './slack-oauth-states.repository.ts';
export * from './bind-installed.ts';
