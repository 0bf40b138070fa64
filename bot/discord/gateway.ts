// Gateway mode (PULSE_ROLE=gateway, for installs without a public interactions URL): the discord.js Client
// receives interactions over the WebSocket and hands the raw payloads to the same dispatcher as the HTTP
// endpoint; the first response goes to POST /interactions/{id}/{token}/callback, then the follow-up runs.
// With capture on, MESSAGE_CREATE events are counted (DiscordActivityRecorder). GUILD_DELETE without
// `unavailable` means Pulse was removed from that server (kicked, or the server deleted): it is unlinked (an
// outage sends the same event with `unavailable: true`, and is ignored). Only the Guilds and GuildMessages
// intents: no member list, no message content.
import {
  Client,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Options,
  type APIInteraction,
  type GatewayGuildDeleteDispatchData,
  type GatewayMessageCreateDispatchData,
  type REST,
} from 'discord.js';
import type { BotDeps } from '../deps.ts';
import { DiscordActivityRecorder } from './activity-capture.ts';
import { DiscordDispatcher } from './dispatcher.ts';
import { guildRemoval } from './guild-removal.ts';
import { sendInteractionCallback } from './interaction-webhook.ts';
import { makeDiscordRequest, restApiBase } from './rest.ts';

/** What the gateway client calls; tests drive these directly with raw gateway payloads. */
export interface GatewayHandlers {
  interaction(raw: APIInteraction): Promise<void>;
  message(raw: GatewayMessageCreateDispatchData): Promise<void>;
  guildDelete(raw: GatewayGuildDeleteDispatchData): Promise<void>;
}

export function gatewayHandlers(
  dispatcher: DiscordDispatcher,
  rest: REST,
  recorder: DiscordActivityRecorder | null,
): GatewayHandlers {
  const log = dispatcher.deps.log;
  const removed = guildRemoval(dispatcher.deps);
  return {
    async interaction(raw) {
      try {
        const outcome = await dispatcher.handle(raw);
        await sendInteractionCallback(rest, raw, outcome.initial);
        await outcome.finish();
      } catch (err) {
        log.error(
          { err: err instanceof Error ? err.message : String(err), interaction: raw.id },
          'discord gateway interaction failed',
        );
      }
    },
    async message(raw) {
      if (!recorder) return;
      try {
        await recorder.record(raw);
      } catch (err) {
        log.warn({ err: err instanceof Error ? err.message : String(err) }, 'discord message not counted');
      }
    },
    async guildDelete(raw) {
      if (raw.unavailable) return;
      await removed(raw.id, 'guild_delete');
    },
  };
}

export interface DiscordGateway {
  client: Client;
  handlers: GatewayHandlers;
  stop(): Promise<void>;
}

/** The gateway client: Guilds and GuildMessages intents, REST at DISCORD_API_BASE_URL, almost nothing cached. */
export function createGatewayClient(token: string, apiBase?: string): Client {
  const api = restApiBase(apiBase);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { ...(api ? { api } : {}), makeRequest: makeDiscordRequest },
    // Pulse reads raw payloads: nothing needs caching beyond guilds and channels.
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      GuildMemberManager: 0,
      UserManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
    }),
  });
  client.rest.setToken(token);
  return client;
}

export async function startDiscordGateway(opts: {
  token: string;
  apiBase?: string;
  deps: BotDeps;
  captureActivity?: boolean;
}): Promise<DiscordGateway> {
  const client = createGatewayClient(opts.token, opts.apiBase);
  const dispatcher = new DiscordDispatcher({ deps: opts.deps, rest: client.rest });
  const recorder = opts.captureActivity === false ? null : new DiscordActivityRecorder(opts.deps.db, opts.deps.log);
  const handlers = gatewayHandlers(dispatcher, client.rest, recorder);
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => void handlers.interaction(data));
  client.ws.on(
    GatewayDispatchEvents.MessageCreate,
    (data: GatewayMessageCreateDispatchData) => void handlers.message(data),
  );
  client.ws.on(
    GatewayDispatchEvents.GuildDelete,
    (data: GatewayGuildDeleteDispatchData) => void handlers.guildDelete(data),
  );
  await client.login(opts.token);
  return {
    client,
    handlers,
    async stop() {
      await client.destroy();
      await recorder?.stop();
    },
  };
}
