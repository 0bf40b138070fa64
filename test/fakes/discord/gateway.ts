// Discord's gateway end of the WebSocket (API v10, JSON, no compression), on the fake's port, for discord.js's
// Client to log in to: the RFC 6455 handshake and frames by hand, then HELLO on connect, heartbeat ACKs, READY
// after IDENTIFY (no guilds), and the dispatches a test sends (MESSAGE_CREATE, INTERACTION_CREATE, ...).
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** An unmasked server frame. */
function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Complete (masked) client frames at the front of `buf`, and what is left over. */
function readFrames(buf: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const opcode = buf[at]! & 0x0f;
    const masked = (buf[at + 1]! & 0x80) !== 0;
    let len = buf[at + 1]! & 0x7f;
    let p = at + 2;
    if (len === 126) {
      if (buf.length < p + 2) break;
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      if (buf.length < p + 8) break;
      len = Number(buf.readBigUInt64BE(p));
      p += 8;
    }
    const mask = masked ? buf.subarray(p, p + 4) : undefined;
    if (masked) p += 4;
    if (buf.length < p + len) break;
    const payload = Buffer.from(buf.subarray(p, p + len));
    if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    at = p + len;
  }
  return { frames, rest: buf.subarray(at) };
}

/** What the client sent in IDENTIFY (op 2). */
export interface Identify {
  token: string;
  intents: number;
  [key: string]: unknown;
}

export class FakeDiscordGateway {
  private socket: Duplex | undefined;
  private seq = 0;
  private identifiedWith: ((d: Identify) => void) | undefined;
  /** Resolves with the first IDENTIFY a client sends. */
  readonly identified: Promise<Identify>;
  private readonly bot: { id: string; username: string };

  constructor(bot: { id: string; username: string }) {
    this.bot = bot;
    this.identified = new Promise((resolve) => {
      this.identifiedWith = resolve;
    });
  }

  upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (!key) return void socket.destroy();
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.socket = socket;
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) this.onFrame(socket, f.opcode, f.payload);
    });
    socket.on('error', () => undefined);
    this.send({ op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private onFrame(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === 0x9) return void socket.write(frame(0xa, payload));
    if (opcode === 0x8) {
      socket.write(frame(0x8, payload.subarray(0, 2)));
      return void socket.end();
    }
    if (opcode !== 0x1) return;
    const message = JSON.parse(payload.toString('utf8')) as { op: number; d: unknown };
    if (message.op === 1) return this.send({ op: 11 });
    if (message.op !== 2) return;
    this.identifiedWith?.(message.d as Identify);
    const user = {
      id: this.bot.id,
      username: this.bot.username,
      discriminator: '0000',
      avatar: null,
      global_name: null,
      bot: true,
      flags: 0,
    };
    this.dispatch('READY', {
      v: 10,
      user,
      guilds: [],
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: 'ws://127.0.0.1:9',
      shard: [0, 1],
      application: { id: this.bot.id, flags: 0 },
    });
  }

  private send(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message), 'utf8')));
  }

  /** Sends a dispatch (op 0) with the next sequence number. */
  dispatch(type: string, data: unknown): void {
    this.send({ op: 0, t: type, s: ++this.seq, d: data });
  }

  close(): void {
    this.socket?.destroy();
  }
}
