// Slack's Socket Mode end of the WebSocket, on the fake's port: the RFC 6455 handshake and frames by hand (text,
// ping/pong, close), then Slack's protocol on top — `hello` on connect, envelopes (`slash_commands`, `interactive`,
// `events_api`) sent with an envelope_id, and the client's acks (`{ envelope_id, payload }`) matched back to them.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(len));
              return b;
            })(),
          ]);
  return Buffer.concat([head, payload]);
}

/** Complete frames at the front of `buf` (client frames are masked), and what is left over. */
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

export class FakeSocketMode {
  private socket: Duplex | undefined;
  private waiting = new Map<string, (payload: unknown) => void>();
  private onConnect: (() => void)[] = [];
  /** Every message the client sent (acks), parsed. */
  readonly received: Record<string, unknown>[] = [];

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
    this.send({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'fake', approximate_connection_time: 3600 },
      connection_info: { app_id: 'APULSE' },
    });
    for (const resolve of this.onConnect.splice(0)) resolve();
  }

  private onFrame(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === 0x9) return void socket.write(frame(0xa, payload));
    if (opcode === 0x8) {
      socket.write(frame(0x8, payload.subarray(0, 2)));
      return void socket.end();
    }
    if (opcode !== 0x1) return;
    const message = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    this.received.push(message);
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
    this.waiting.get(id)?.(message.payload);
    this.waiting.delete(id);
  }

  private send(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message), 'utf8')));
  }

  /** Resolves once a client has connected (and was sent `hello`). */
  connected(): Promise<void> {
    return this.socket ? Promise.resolve() : new Promise((resolve) => this.onConnect.push(resolve));
  }

  /** Sends an envelope and resolves with the client's ack payload (undefined for an empty ack). */
  envelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown> {
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve) => this.waiting.set(envelopeId, resolve));
    this.send({
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
      retry_reason: '',
    });
    return acked;
  }

  close(): void {
    this.socket?.destroy();
  }
}
