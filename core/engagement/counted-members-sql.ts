// Members with a counted membership on a day (docs/metrics.md#customers), as core/revenue's rollup knows
// them: a customer_mrr_spans span with MRR > 0 covers the days [from_day, to_day). Reading the revenue
// rollup keeps engagement's population the same as /revenue's customers on every day, past due included: a
// failed renewal counts for up to 30 days, but never after the membership's access ended (Whop expired or
// cancelled it; docs/metrics.md#mrr rule 5). A customer's spans never overlap (each is a run of days with one
// MRR total), so a day matches at most one span per member.

/** SQL condition: span `s` of company `company` counts member s.member_id at the end of day `day`. */
export function countedOn(s: string, company: string, day: string): string {
  return `${s}.company_id = ${company} and ${s}.mrr_minor > 0 and ${s}.from_day <= ${day} and (${s}.to_day is null or ${s}.to_day > ${day})`;
}
