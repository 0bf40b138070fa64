// @slack/oauth's StateStore over PostgreSQL (core/installations): the state is a random value, not a token with
// the install's options inside, and each one is consumed by the callback that presents it. The package's default
// store (a JWT under `stateSecret`) accepts the same state again until it expires and carries the install grant
// readable in the authorize URL; here the options, grant included, stay sealed server-side.
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import { consumeSlackOAuthState, createSlackOAuthState } from '../../../core/installations/index.ts';
import type { Queryable } from '../../../core/db/queryable.ts';
import { SLACK_STATE_TTL_S } from './scopes.ts';

export class PulseStateStore implements StateStore {
  private readonly db: Queryable;
  private readonly secret: string;

  constructor(db: Queryable, secret: string) {
    this.db = db;
    this.secret = secret;
  }

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    return createSlackOAuthState(this.db, this.secret, installOptions, now, SLACK_STATE_TTL_S * 1000);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const options = await consumeSlackOAuthState(this.db, this.secret, state, now);
    if (!options) throw new InvalidStateError('The state parameter is unknown, expired or already used.');
    return options as InstallURLOptions;
  }
}
