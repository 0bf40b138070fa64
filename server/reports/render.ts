// One report page per kind, from the report JSON: the overview puts the headline of every section on one
// page; the other kinds show their section in full.
import type { PageInput } from './blocks.ts';
import { html } from './html.ts';
import { reportPage } from './layout.ts';
import { churnSectionHtml } from './pages/churn.page.ts';
import { contentSectionHtml } from './pages/content.page.ts';
import { engagementSectionHtml } from './pages/engagement.page.ts';
import { memberSectionHtml } from './pages/member.page.ts';
import { revenueSectionHtml } from './pages/revenue.page.ts';

export function renderReportHtml(input: PageInput): string {
  const r = input.report;
  const ctx = { report: r, base: input.base, periodSwitch: r.kind !== 'churn' };
  const full = { full: true };
  switch (r.kind) {
    case 'overview': {
      const brief = { full: false };
      return reportPage(
        ctx,
        html`${revenueSectionHtml(input, brief)}${engagementSectionHtml(input, brief)}${churnSectionHtml(input, brief)}${contentSectionHtml(input, brief)}`,
      );
    }
    case 'revenue':
      return reportPage(ctx, revenueSectionHtml(input, full));
    case 'engagement':
      return reportPage(ctx, engagementSectionHtml(input, full));
    case 'churn':
      return reportPage(ctx, churnSectionHtml(input, full));
    case 'content':
      return reportPage(ctx, contentSectionHtml(input, full));
    case 'member':
      return reportPage(ctx, memberSectionHtml(input));
  }
}
