// The fake Whop's people and the app's OAuth client: users, who is admin or customer of which company, the
// user "signed in" at the fake's consent page, authorization codes (with their PKCE challenge), access
// tokens, the ES256 key behind the JWKS, and a minter of dashboard `x-whop-user-token`s. oauth.ts and
// access.ts serve it over HTTP.
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';

export interface FakeUser {
  id: string;
  name: string;
  username: string;
}
export interface FakeOAuthClient {
  id: string;
  secret: string;
  redirectUris: string[];
}
export type FakeAccessLevel = 'admin' | 'customer';

export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state: string | null;
  challenge: string;
  scope: string;
}
export interface IssuedCode extends PendingAuthorization {
  userId: string;
  used: boolean;
  expiresAtMs: number;
}

export interface FakeIdentityOptions {
  users?: Array<FakeUser & { adminOf?: string[]; customerOf?: string[] }>;
  clients?: FakeOAuthClient[];
  /** API keys refused (403 insufficient_scope) on these API paths, e.g. a key without payment:basic:read. */
  deniedPaths?: Record<string, string[]>;
}

export interface MintOptions {
  userId: string;
  /** Audience: the app id. */
  appId: string;
  issuer?: string;
  /** Seconds since the epoch the token was issued (default now). */
  issuedAt?: number;
  expiresInS?: number;
  /** Sign with another key (a forgery the JWKS does not know). */
  key?: CryptoKey;
  kid?: string;
}

export const userTokenIssuer = 'urn:whopcom:exp-proxy';

export class FakeWhopIdentity {
  readonly users = new Map<string, FakeUser>();
  readonly access = new Map<string, FakeAccessLevel>();
  readonly clients = new Map<string, FakeOAuthClient>();
  readonly deniedPaths: Record<string, string[]>;
  readonly pending = new Map<string, PendingAuthorization>();
  readonly codes = new Map<string, IssuedCode>();
  readonly accessTokens = new Map<string, string>();
  /** The person signed in to Whop in "the browser" (who approves on the consent page). */
  sessionUserId: string | null = null;
  /** Token exchanges tried and how many were refused (tests read them). */
  readonly stats = { tokenRequests: 0, tokenRefusals: 0, accessChecks: 0 };
  private readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly kid: string;

  private constructor(privateKey: CryptoKey, publicJwk: JWK, kid: string, opts: FakeIdentityOptions) {
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
    this.kid = kid;
    this.deniedPaths = opts.deniedPaths ?? {};
    for (const u of opts.users ?? []) this.addUser(u, u);
    for (const c of opts.clients ?? []) this.clients.set(c.id, c);
  }

  static async create(opts: FakeIdentityOptions = {}): Promise<FakeWhopIdentity> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `fake-${randomUUID()}`;
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    return new FakeWhopIdentity(privateKey, jwk, kid, opts);
  }

  addUser(user: FakeUser, roles: { adminOf?: string[]; customerOf?: string[] } = {}): void {
    this.users.set(user.id, { id: user.id, name: user.name, username: user.username });
    for (const biz of roles.adminOf ?? []) this.setAccess(user.id, biz, 'admin');
    for (const biz of roles.customerOf ?? []) this.setAccess(user.id, biz, 'customer');
  }

  setAccess(userId: string, companyId: string, level: FakeAccessLevel | null): void {
    if (level === null) this.access.delete(`${userId}|${companyId}`);
    else this.access.set(`${userId}|${companyId}`, level);
  }

  accessOf(userId: string, companyId: string): FakeAccessLevel | 'no_access' {
    return this.access.get(`${userId}|${companyId}`) ?? 'no_access';
  }

  /** Companies the user is an admin of (what `GET /companies` lists for their own token). */
  adminCompanies(userId: string): string[] {
    return [...this.access]
      .filter(([k, v]) => v === 'admin' && k.startsWith(`${userId}|`))
      .map(([k]) => k.slice(userId.length + 1));
  }

  registerClient(client: FakeOAuthClient): void {
    this.clients.set(client.id, client);
  }

  newSecret(prefix: string): string {
    return `${prefix}_${randomBytes(24).toString('base64url')}`;
  }

  /** An `x-whop-user-token` as Whop's proxy sends it (ES256, kid of the JWKS key unless `key` is given). */
  async mintUserToken(o: MintOptions): Promise<string> {
    const iat = o.issuedAt ?? Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? this.kid, typ: 'JWT' })
      .setIssuer(o.issuer ?? userTokenIssuer)
      .setAudience(o.appId)
      .setSubject(o.userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (o.expiresInS ?? 300))
      .sign(o.key ?? this.privateKey);
  }
}
