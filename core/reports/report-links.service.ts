// Report links: create (signed URL + row), revoke (one or all), list live ones — the ReportLinks contract
// the /report commands call — and openReportLink, the one check every report request makes. It says only
// "valid" (with the row's company, kind and params) or null, and always reads the row, even for a token
// whose signature failed, so every kind of bad link takes the same path.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import { isCompanyRemoved } from '../lifecycle/company-state.ts';
import { companyById } from '../companies/company.repository.ts';
import { parseParamsInput, parseReportKind, readStoredParams, type ReportKind, type ReportParams } from './kinds.ts';
import {
  findCompanyMember,
  findReportLink,
  insertReportLink,
  liveReportLinks,
  revokeReportLinks,
} from './report-links.repository.ts';
import { isTokenId, readToken, reportLinkKey, signToken } from './token.ts';

export const DEFAULT_EXPIRY_DAYS = 7;
export const MAX_EXPIRY_DAYS = 90;
const NO_TOKEN_ID = '00000000-0000-0000-0000-000000000000';

export interface ReportLinkDeps {
  db: Queryable;
  /** PULSE_SECRET: the 'report-links' sub-key is derived from it. */
  secret: string;
  /** Base of the URLs (PUBLIC_URL). */
  publicUrl: string;
  now: () => Date;
}

export interface CreatedReportLink {
  url: string;
  tokenId: string;
  expiresAt: Date;
}
export interface LiveReportLink {
  tokenId: string;
  kind: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The same shape as bot/deps.ts ReportLinks (core cannot import bot/). */
export interface ReportLinkService {
  create(input: {
    companyId: number;
    kind: string;
    params?: Record<string, unknown>;
    createdBy: string;
    expiresInDays?: number;
  }): Promise<CreatedReportLink>;
  /** `tokenId` may also be the link itself (URL or token) of this company. */
  revoke(input: { companyId: number; tokenId?: string; all?: boolean }): Promise<number>;
  list(companyId: number): Promise<LiveReportLink[]>;
}

export interface OpenedReportLink {
  tokenId: string;
  companyId: number;
  kind: ReportKind;
  params: ReportParams;
  expiresAt: Date;
}

function expiryDays(value: number | undefined): number {
  const days = value ?? DEFAULT_EXPIRY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
    throw new BadInput(`expiry must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}, not ${value}`);
  }
  return days;
}

export function reportUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/r/${token}`;
}

export function createReportLinks(deps: ReportLinkDeps): ReportLinkService {
  // Derived on first use: building the service never fails, making a link without a usable secret does.
  let derived: Buffer | null = null;
  const key = () => (derived ??= reportLinkKey(deps.secret));

  /** A token id, or the token id inside a link of this company (its signature checked). */
  const tokenIdOf = (companyId: number, ref: string): string => {
    const text = ref.trim();
    if (isTokenId(text.toLowerCase())) return text.toLowerCase();
    const token = (text.split('/r/').pop() ?? '').split(/[/?#]/)[0]!.replace(/\.(csv|json)$/, '');
    const read = readToken(key(), token);
    if (read.signatureValid && read.payload?.companyId === companyId) return read.payload.tokenId;
    throw new BadInput('that is not a report link (or link id) of this company');
  };

  return {
    async create(input) {
      const signingKey = key();
      const kind = parseReportKind(input.kind);
      const params = parseParamsInput(input.params);
      const days = expiryDays(input.expiresInDays);
      const createdBy = input.createdBy.trim();
      if (!createdBy || createdBy.length > 200)
        throw new BadInput('createdBy must name who made the link (1 to 200 characters)');
      await companyById(deps.db, input.companyId);
      if (await isCompanyRemoved(deps.db, input.companyId))
        throw new BadInput('this company uninstalled Pulse or is being erased: no new report links');
      const stored: ReportParams = params.period ? { period: params.period } : {};
      const wantsMember = params.memberId !== undefined || params.whopUserId !== undefined;
      if (kind === 'member') {
        if (!wantsMember) throw new BadInput('a member profile link needs the member (memberId or whopUserId)');
        const memberId = await findCompanyMember(deps.db, input.companyId, params);
        if (memberId === null) throw new BadInput('no such member in this company');
        stored.memberId = memberId;
      } else if (wantsMember) {
        throw new BadInput(`a ${kind} report shows aggregates only; choose the member kind for one member's profile`);
      }
      const createdAt = deps.now();
      const expiresAt = new Date(Math.floor((createdAt.getTime() + days * 86_400_000) / 1000) * 1000);
      const tokenId = randomUUID();
      await insertReportLink(deps.db, {
        companyId: input.companyId,
        tokenId,
        kind,
        params: stored,
        createdBy,
        createdAt,
        expiresAt,
      });
      const token = signToken(signingKey, { tokenId, companyId: input.companyId, kind, expiresAt });
      return { url: reportUrl(deps.publicUrl, token), tokenId, expiresAt };
    },

    async revoke(input) {
      if (input.all) return revokeReportLinks(deps.db, input.companyId, deps.now(), null);
      if (!input.tokenId) throw new BadInput('say which link to revoke (its id or URL), or revoke all');
      return revokeReportLinks(deps.db, input.companyId, deps.now(), tokenIdOf(input.companyId, input.tokenId));
    },

    async list(companyId) {
      const rows = await liveReportLinks(deps.db, companyId, deps.now());
      return rows.map((r) => ({
        tokenId: r.tokenId,
        kind: r.kind,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
      }));
    },
  };
}

/**
 * The link a token opens, or null for anything else (malformed, forged, tampered, expired, revoked, or a
 * payload that disagrees with its row). Signature check and row lookup both happen for every token.
 */
export async function openReportLink(
  deps: Pick<ReportLinkDeps, 'db' | 'secret' | 'now'>,
  token: string,
  key = reportLinkKey(deps.secret),
): Promise<OpenedReportLink | null> {
  const read = readToken(key, token.length > 512 ? '' : token);
  const row = await findReportLink(deps.db, read.payload?.tokenId ?? NO_TOKEN_ID);
  const now = deps.now().getTime();
  const p = read.payload;
  const valid =
    read.signatureValid &&
    p !== null &&
    row !== null &&
    row.companyId === p.companyId &&
    row.kind === p.kind &&
    row.revokedAt === null &&
    row.expiresAt.getTime() > now &&
    p.expiresAt.getTime() > now;
  // A company that uninstalled Pulse or asked to be erased shows nothing, even through links made before.
  if (!valid || !row.companyLive) return null;
  return {
    tokenId: row.tokenId,
    companyId: row.companyId,
    kind: p.kind,
    params: readStoredParams(row.params),
    expiresAt: row.expiresAt,
  };
}
