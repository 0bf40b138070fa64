// Linking with proof: a Discord server or Slack workspace is bound to a Whop company only after a Whop admin
// of that company proves it (the /link page's "Sign in with Whop", or an install grant from the dashboard view).
export * from './install-grant.ts';
export * from './installed-company.ts';
export * from './link-request.service.ts';
