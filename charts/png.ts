// A fast PNG encoder for chart canvases. Skia's encoder (canvas.encode('png')) tries every row filter at zlib
// level 6 and takes ~50 ms for a 1600x800 chart here. Charts are long runs of flat colour, which deflate's own
// matching already finds: unfiltered rows at zlib level 1 came out smaller than the "Up" filter at level 3
// (e.g. 78 KiB against 94 KiB for the MRR chart) and need no pass over the pixels in JavaScript, which had
// been a fifth of the render time. Deflate runs on libuv's thread pool.
import { crc32, deflate } from 'node:zlib';
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
    // zlib on the thread pool hands each full output chunk back to the main thread before going on: the default
    // 16 KiB chunks made that 6 to 12 round trips for one chart, 256 KiB holds most charts' whole output.
    idat = await deflateAsync(rows, { level, chunkSize: OUTPUT_CHUNK });
  } finally {
    giveBack(rows);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
