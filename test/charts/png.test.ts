import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../charts/png.ts';
import { decode, pngSize } from './png-helpers.ts';

/** Undoes the encoder by hand: inflate the IDAT, then reverse each row's filter (None or Up). */
function unfilter(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const { width, height } = pngSize(png);
  expect(png[24]).toBe(8); // bit depth
  expect(png[25]).toBe(6); // RGBA
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('latin1', 37, 41)).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i]!;
      pixels[y * stride + i] = filter === 2 && y > 0 ? (v + pixels[(y - 1) * stride + i]!) & 255 : v;
    }
  }
  expect(png.subarray(png.length - 12).toString('latin1', 4, 8)).toBe('IEND');
  return { width, height, pixels };
}

function randomImage(width: number, height: number): Uint8ClampedArray {
  let seed = 42;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = seed >>> 24;
  }
  return data;
}

describe('encodePng', () => {
  it('stores every byte of random pixels exactly', async () => {
    const data = randomImage(37, 23);
    const png = await encodePng({ width: 37, height: 23, data });
    const back = unfilter(png);
    expect(back.width).toBe(37);
    expect(back.height).toBe(23);
    expect(Buffer.compare(Buffer.from(back.pixels), Buffer.from(data))).toBe(0);
  });

  it('writes a PNG that Skia decodes to the same opaque pixels', async () => {
    const data = randomImage(64, 16);
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
    const img = await decode(await encodePng({ width: 64, height: 16, data }));
    expect(img.width).toBe(64);
    expect(Buffer.compare(Buffer.from(img.data), Buffer.from(data))).toBe(0);
  });

  it('accepts pixel data that does not start on a 4-byte boundary', async () => {
    const backing = new Uint8Array(1 + 3 * 2 * 4);
    backing.set([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255, 13, 14, 15, 255, 16, 17, 18, 255], 1);
    const data = backing.subarray(1);
    const back = unfilter(await encodePng({ width: 3, height: 2, data }));
    expect([...back.pixels]).toEqual([...data]);
  });
});
