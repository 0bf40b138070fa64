// report_links rows: insert, revoke (one or every live link of a company), list live links, and the lookup
// by token id every report request makes. Every statement but the lookup is scoped by company.
import type { Queryable } from '../db/queryable.ts';
import { liveCompanySql } from '../lifecycle/company-state.ts';
import type { ReportKind } from './kinds.ts';

export interface ReportLinkRow {
  id: number;
  companyId: number;
  tokenId: string;
  kind: string;
  params: unknown;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

interface Raw extends Record<string, unknown> {
  id: string;
  company_id: string;
  token_id: string;
  kind: string;
  params: unknown;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const columns = 'id, company_id, token_id, kind, params, created_by, created_at, expires_at, revoked_at';

function toRow(r: Raw): ReportLinkRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    tokenId: r.token_id,
    kind: r.kind,
    params: r.params,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

export async function insertReportLink(
  db: Queryable,
  link: {
    companyId: number;
    tokenId: string;
    kind: ReportKind;
    params: Record<string, unknown>;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<ReportLinkRow> {
  const { rows } = await db.query<Raw>(
    `insert into report_links (company_id, token_id, kind, params, created_by, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${columns}`,
    [
      link.companyId,
      link.tokenId,
      link.kind,
      JSON.stringify(link.params),
      link.createdBy,
      link.createdAt,
      link.expiresAt,
    ],
  );
  return toRow(rows[0]!);
}

/** The row of a token id (any company: the caller compares it with the signed payload), with whether its company
 * is still live (not uninstalled, no erase pending): one lookup decides a report request. */
export async function findReportLink(
  db: Queryable,
  tokenId: string,
): Promise<(ReportLinkRow & { companyLive: boolean }) | null> {
  const { rows } = await db.query<Raw & { company_live: boolean }>(
    `select ${columns
      .split(', ')
      .map((c) => `r.${c}`)
      .join(', ')}, ${liveCompanySql('c')} as company_live
     from report_links r join companies c on c.id = r.company_id where r.token_id = $1::uuid`,
    [tokenId],
  );
  return rows[0] ? { ...toRow(rows[0]), companyLive: rows[0].company_live } : null;
}

/** Revokes live links of the company: one token id, or all of them. Returns how many were revoked. */
export async function revokeReportLinks(
  db: Queryable,
  companyId: number,
  at: Date,
  tokenId: string | null,
): Promise<number> {
  const { rows } = await db.query(
    `update report_links set revoked_at = $2
     where company_id = $1 and revoked_at is null and expires_at > $2 and ($3::uuid is null or token_id = $3::uuid)
     returning id`,
    [companyId, at, tokenId],
  );
  return rows.length;
}

/** Links neither revoked nor expired at `at`, newest first. */
export async function liveReportLinks(db: Queryable, companyId: number, at: Date): Promise<ReportLinkRow[]> {
  const { rows } = await db.query<Raw>(
    `select ${columns} from report_links where company_id = $1 and revoked_at is null and expires_at > $2
     order by created_at desc, id desc`,
    [companyId, at],
  );
  return rows.map(toRow);
}

/** A member of the company by Pulse id or Whop user id (the member profile's subject). */
export async function findCompanyMember(
  db: Queryable,
  companyId: number,
  ref: { memberId?: number; whopUserId?: string },
): Promise<number | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id from members where company_id = $1 and (($2::bigint is not null and id = $2::bigint) or ($3::text is not null and whop_user_id = $3))
     limit 1`,
    [companyId, ref.memberId ?? null, ref.whopUserId ?? null],
  );
  return rows[0] ? Number(rows[0].id) : null;
}
