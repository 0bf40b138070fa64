// A fast PNG encoder for chart canvases. Skia's encoder (canvas.encode('png')) tries every row filter at zlib
// level 6 and takes ~50 ms for a 1600x800 chart here. Charts are long runs of flat colour, which deflate's own
// matching already finds: unfiltered rows at zlib level 1 came out smaller than the "Up" filter at level 3
// (e.g. 78 KiB against 94 KiB for the MRR chart) and need no pass over the pixels in JavaScript, which had
// been a fifth of the render time. Deflate runs on libuv's thread pool, in bands side by side (see deflateBands).
import { availableParallelism } from 'node:os';
import { constants, crc32, createDeflate, deflate } from 'node:zlib';
import { promisify } from 'node:util';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Straight (not premultiplied) RGBA pixels, as ctx.getImageData returns them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// The rows with their filter bytes are 5 MB for a 1600x800 chart. A fresh array each render cost the zeroing,
// the page faults of new memory and, above all, garbage collection: V8 starts a full collection after so many
// megabytes of array memory, and two 5 MB arrays a render made that one collection every two or three renders.
// So the buffers are kept and reused: one per render in flight (renders can overlap while deflate runs on the
// thread pool), at most POOL_SIZE kept between renders.
const POOL_SIZE = 4;
// zlib on the thread pool hands each full output chunk back to the main thread before going on: the default 16 KiB
// chunks made that 6 to 12 round trips for one chart, 256 KiB holds most charts' whole output.
const OUTPUT_CHUNK = 256 * 1024;
const pool: Uint8Array[] = [];

function takeBuffer(size: number): Uint8Array {
  const i = pool.findIndex((b) => b.length >= size);
  if (i < 0) return new Uint8Array(size);
  return pool.splice(i, 1)[0]!.subarray(0, size);
}

function giveBack(buffer: Uint8Array): void {
  const whole = new Uint8Array(buffer.buffer, 0, buffer.buffer.byteLength);
  if (pool.length < POOL_SIZE) pool.push(whole);
  else {
    // Keep the largest buffers: a big chart needs one, a small one fits in any.
    const smallest = pool.reduce((s, b, j) => (b.length < pool[s]!.length ? j : s), 0);
    if (pool[smallest]!.length < whole.length) pool[smallest] = whole;
  }
}

/** Rows prefixed with their filter byte, 0 (None): a native copy per row, no pass over the pixels in JavaScript. */
function rowsWithFilterByte({ width, height, data }: RgbaImage, out: Uint8Array): Uint8Array {
  const bytes = width * 4;
  for (let y = 0; y < height; y++) {
    out[y * (bytes + 1)] = 0;
    out.set(data.subarray(y * bytes, (y + 1) * bytes), y * (bytes + 1) + 1);
  }
  return out;
}

/** Adler-32 of A followed by B, from the checksums of A and B and the length of B (zlib's adler32_combine). */
function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const BASE = 65521;
  const rem = lengthB % BASE;
  let sum1 = adlerA & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (adlerB & 0xffff) + BASE - 1;
  sum2 += (adlerA >>> 16) + (adlerB >>> 16) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= 2 * BASE) sum2 -= 2 * BASE;
  if (sum2 >= BASE) sum2 -= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * One band as a zlib stream flushed with Z_SYNC_FLUSH before it is finished: its deflate blocks then end on a byte
 * boundary (with the empty stored block 00 00 ff ff) and are followed only by an empty final block and the band's
 * Adler-32.
 */
function deflateBand(band: Uint8Array | Uint8ClampedArray, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = createDeflate({ level, chunkSize: OUTPUT_CHUNK });
    const parts: Buffer[] = [];
    z.on('data', (part: Buffer) => parts.push(part));
    z.on('error', reject);
    z.on('end', () => resolve(Buffer.concat(parts)));
    z.write(band);
    z.flush(constants.Z_SYNC_FLUSH, () => z.end());
  });
}

const SYNC_THEN_FINAL = Buffer.from([0x00, 0x00, 0xff, 0xff, 0x03, 0x00]);
const FINAL_BLOCK = Buffer.from([0x03, 0x00]); // an empty last block with fixed codes: BFINAL, BTYPE 01, end code

/**
 * A zlib stream of data, deflated in `bands` pieces at once on the thread pool (pigz's way): one 1600x800 chart is
 * 5 MB of rows, ~4 ms of deflate on one core. Each band is deflated on its own and cut to its deflate blocks; the
 * blocks of all bands one after the other are one valid deflate stream (each band ends on a byte boundary with a
 * non-final block and refers to nothing before it), closed by an empty final block and the Adler-32 of the whole,
 * combined from the bands'. The output is a little larger than one stream's (each band starts with an empty
 * window). Should a band ever not end as expected, the data is deflated as one stream instead.
 */
export async function deflateBands(
  data: Uint8Array | Uint8ClampedArray,
  level: number,
  bands: number,
): Promise<Buffer> {
  if (bands < 2) return deflateAsync(data, { level, chunkSize: OUTPUT_CHUNK });
  const bounds = Array.from({ length: bands + 1 }, (_, i) => Math.round((data.length * i) / bands));
  const outs = await Promise.all(
    bounds.slice(0, -1).map((from, i) => deflateBand(data.subarray(from, bounds[i + 1]), level)),
  );
  if (!outs.every((o) => o.length >= 12 && o.subarray(o.length - 10, o.length - 4).equals(SYNC_THEN_FINAL)))
    return deflateAsync(data, { level, chunkSize: OUTPUT_CHUNK });
  let adler = 1; // Adler-32 of no bytes
  outs.forEach((o, i) => {
    adler = adler32Combine(adler, o.readUInt32BE(o.length - 4), bounds[i + 1]! - bounds[i]!);
  });
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler, 0);
  // The zlib header of the first band (the same for all: same level, same window), each band's blocks, the end.
  return Buffer.concat([
    outs[0]!.subarray(0, 2),
    ...outs.map((o) => o.subarray(2, o.length - 6)),
    FINAL_BLOCK,
    trailer,
  ]);
}

// Bands only where they pay: on more than one core, and not under 1 MB each (small charts, tests).
const BANDS = Math.min(4, availableParallelism());
const MIN_BAND = 1024 * 1024;

export async function encodePng(image: RgbaImage, level = 1): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const size = (image.width * 4 + 1) * image.height;
  const rows = rowsWithFilterByte(image, takeBuffer(size));
  let idat: Buffer;
  try {
    idat = await deflateBands(rows, level, Math.min(BANDS, Math.floor(size / MIN_BAND)));
  } finally {
    giveBack(rows);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
