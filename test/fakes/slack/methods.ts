// The Web API methods Pulse calls, answered as Slack answers them: `{ ok: true, ... }` or `{ ok: false, error }`,
// with the checks Slack makes on the arguments (channel, blocks, trigger_id, the upload flow's file ids).
import { blockProblems } from './block-rules.ts';
import type { SlackBody } from './faults.ts';

export interface FakeUser {
  id: string;
  teamId: string;
  name?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isRestricted?: boolean;
}

export interface FakeUpload {
  fileId: string;
  filename: string;
  length: number;
  altText?: string;
  bytes?: Buffer;
}

export interface SlackState {
  origin: string;
  users: Map<string, FakeUser>;
  userGroups: { id: string; teamId: string; users: string[] }[];
  uploads: Map<string, FakeUpload>;
  views: Map<string, Record<string, unknown>>;
  /** Messages posted with chat.postMessage, as `<channel>/<ts>`: chat.update finds only these. */
  posted: Set<string>;
  seq: number;
}

type Result = Record<string, unknown>;
type Method = (body: SlackBody, state: SlackState) => Result;

const fail = (error: string): Result => ({ ok: false, error });

function json(body: SlackBody, key: string): unknown {
  const v = body[key];
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return Symbol.for('invalid');
  }
}

function checkBlocks(body: SlackBody, max: number): Result | undefined {
  if (body.blocks === undefined) return undefined;
  const problems = blockProblems(json(body, 'blocks'), max);
  return problems.length ? { ok: false, error: 'invalid_blocks', errors: problems } : undefined;
}

const ts = (state: SlackState) => `${1764000000 + ++state.seq}.${String(state.seq).padStart(6, '0')}`;

function view(body: SlackBody, state: SlackState, id?: string): Result {
  const v = json(body, 'view');
  if (!v || typeof v !== 'object') return fail('invalid_arguments');
  const problems = blockProblems((v as Result).blocks, 100);
  if (problems.length) return { ok: false, error: 'invalid_arguments', errors: problems };
  const viewId = id ?? `V${String(++state.seq).padStart(8, '0')}`;
  const stored = { ...(v as Result), id: viewId, hash: `h${state.seq}` };
  state.views.set(viewId, stored);
  return { ok: true, view: stored };
}

export const methods: Record<string, Method> = {
  'apps.connections.open': (_b, s) => ({
    ok: true,
    url: `${s.origin.replace(/^http/, 'ws')}/link/?ticket=fake-ticket&app_id=APULSE`,
  }),
  'auth.test': () => ({
    ok: true,
    url: 'https://fake.slack.test/',
    team: 'Fake',
    user: 'pulse',
    team_id: 'T000',
    user_id: 'UPULSEBOT',
    bot_id: 'BPULSE',
  }),
  'chat.postMessage': (b, s) => {
    if (!b.channel) return fail('channel_not_found');
    if (!b.text && !b.blocks) return fail('no_text');
    const refused = checkBlocks(b, 50);
    if (refused) return refused;
    const at = ts(s);
    s.posted.add(`${b.channel}/${at}`);
    return { ok: true, channel: b.channel, ts: at, message: { text: b.text } };
  },
  'chat.postEphemeral': (b, s) => {
    if (!b.channel) return fail('channel_not_found');
    if (!b.user) return fail('user_not_in_channel');
    return checkBlocks(b, 50) ?? { ok: true, message_ts: ts(s) };
  },
  'chat.update': (b, s) =>
    !b.channel || !b.ts || !s.posted.has(`${b.channel}/${b.ts}`)
      ? fail('message_not_found')
      : (checkBlocks(b, 50) ?? { ok: true, channel: b.channel, ts: b.ts }),
  'views.open': (b, s) => (b.trigger_id ? view(b, s) : fail('invalid_trigger_id')),
  'views.update': (b, s) => (b.view_id && s.views.has(b.view_id) ? view(b, s, b.view_id) : fail('not_found')),
  'views.publish': (b, s) => (b.user_id ? view(b, s) : fail('invalid_arguments')),
  'users.info': (b, s) => {
    const u = b.user ? s.users.get(b.user) : undefined;
    if (!u) return fail('user_not_found');
    return {
      ok: true,
      user: {
        id: u.id,
        team_id: u.teamId,
        name: u.name ?? u.id.toLowerCase(),
        real_name: u.name ?? u.id,
        deleted: false,
        is_admin: u.isAdmin ?? false,
        is_owner: u.isOwner ?? false,
        is_primary_owner: false,
        is_restricted: u.isRestricted ?? false,
        is_ultra_restricted: false,
        is_bot: false,
        profile: { display_name: u.name ?? '', real_name: u.name ?? u.id },
      },
    };
  },
  'usergroups.list': (b, s) => ({
    ok: true,
    usergroups: s.userGroups
      .filter((g) => !b.team_id || g.teamId === b.team_id)
      .map((g) => ({
        id: g.id,
        team_id: g.teamId,
        handle: g.id.toLowerCase(),
        ...(b.include_users === 'true' ? { users: g.users } : {}),
      })),
  }),
  'files.getUploadURLExternal': (b, s) => {
    const length = Number(b.length);
    if (!b.filename || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
    const fileId = `F${String(++s.seq).padStart(9, '0')}`;
    s.uploads.set(fileId, { fileId, filename: b.filename, length, ...(b.alt_text ? { altText: b.alt_text } : {}) });
    return { ok: true, upload_url: `${s.origin}/upload/v1/${fileId}`, file_id: fileId };
  },
  'files.completeUploadExternal': (b, s) => {
    const files = json(b, 'files');
    if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');
    const out = [];
    for (const f of files as { id: string; title?: string }[]) {
      const up = s.uploads.get(f.id);
      if (!up?.bytes) return fail('file_not_found');
      out.push({ id: f.id, title: f.title ?? up.filename, name: up.filename, size: up.length });
    }
    return { ok: true, files: out };
  },
};
