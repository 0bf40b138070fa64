// How often a stored webhook is tried before it is left `dead` (webhook-replay.ts). A module of its own so that
// `pulse help` can print the figure without loading the webhook-apply path.

/** Attempts to apply an event (arrival included) before it is given up as dead. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
