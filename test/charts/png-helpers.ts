// Decoding and inspecting rendered PNGs in tests.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Decoded {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Width and height from the IHDR chunk, after checking the PNG signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('IHDR is not the first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Straight-alpha RGBA pixels of a PNG, decoded by Skia. */
export async function decode(png: Buffer): Promise<Decoded> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data };
}

export function pixel(img: Decoded, x: number, y: number): [number, number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}

export function hex(rgb: readonly number[]): string {
  return `#${rgb
    .slice(0, 3)
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Distinct opaque colours, and the share of opaque pixels that differ from the background by more than 24. */
export function inkStats(
  img: Decoded,
  background: [number, number, number],
  step = 3,
): { colours: number; ink: number } {
  const colours = new Set<number>();
  let opaque = 0;
  let ink = 0;
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) {
      const [r, g, b, a] = pixel(img, x, y);
      if (a < 255) continue;
      opaque++;
      colours.add((r << 16) | (g << 8) | b);
      if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 24) ink++;
    }
  }
  return { colours: colours.size, ink: opaque ? ink / opaque : 0 };
}
