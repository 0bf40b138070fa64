// The tables that are not owned by one company (docs/data-model.md#keys-and-distribution), for the tests of the
// company-key invariant and of company-scoped SQL.

/**
 * Tables whose rows are found by a key that arrives without a company, kept whole on every node (Citus reference
 * tables), each with the reason. A new table goes here only with a reason of the same kind.
 */
export const globalTables: Record<string, string> = {
  companies: 'the tenants themselves; every company-owned row points here',
  webhook_inbox: 'a Whop delivery is stored before its company is known (webhook_id is the dedupe key)',
  workspace_links: 'a chat request names a Discord guild or Slack team, and the link finds the company',
  report_links: 'a report page URL carries only the link token',
  link_requests: 'a /pulse setup link page carries only its token; the company is bound later',
  install_grant_redemptions: 'an install grant is single use across every company',
  churn_model_runs: 'a pooled model (company_id null) is shared by every company',
  slack_installations: 'one Slack workspace install serves whichever companies link it',
  slack_oauth_states: 'an OAuth state comes back from Slack before any company is known',
  chat_request_replays: 'signed chat requests already answered, keyed by the platform signature',
  agenda_jobs: "Agenda's own job queue",
  agenda_logs: "Agenda's own job log",
  mikro_orm_migrations: 'the migration ledger',
};
