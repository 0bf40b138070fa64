// Every chart kind renders a 1600x800 PNG (800x400 at 2x) that is not blank, on both themes.
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../charts/index.ts';
import type { Theme } from '../../charts/types.ts';
import { allSpecs } from './fixtures.ts';
import { decode, hex, inkStats, pixel, pngSize } from './png-helpers.ts';

const CARD: Record<Theme, [number, number, number]> = { dark: [0x1e, 0x1f, 0x24], light: [0xff, 0xff, 0xff] };

describe.each(['dark', 'light'] as const)('%s theme', (theme) => {
  it.each(allSpecs().map((spec) => [spec.kind, spec] as const))('renders %s', async (_kind, spec) => {
    const chart = await renderChart(spec, { theme });
    expect(chart.width).toBe(1600);
    expect(chart.height).toBe(800);
    expect(chart.pixelRatio).toBe(2);
    expect(pngSize(chart.png)).toEqual({ width: 1600, height: 800 });

    const img = await decode(chart.png);
    expect([img.width, img.height]).toEqual([1600, 800]);
    // A rounded card: transparent outside its corners, opaque card colour inside its bottom margin.
    expect(pixel(img, 0, 0)[3]).toBe(0);
    expect(pixel(img, 1599, 799)[3]).toBe(0);
    expect(hex(pixel(img, 800, 793))).toBe(hex(CARD[theme]));
    expect(pixel(img, 800, 793)[3]).toBe(255);

    const { colours, ink } = inkStats(img, CARD[theme]);
    expect(colours).toBeGreaterThan(30);
    expect(ink).toBeGreaterThan(0.02);
    expect(chart.alt.length).toBeGreaterThan(20);
  });
});

describe('render options', () => {
  it('honours a custom size and pixel ratio', async () => {
    const [spec] = allSpecs();
    const chart = await renderChart(spec!, { width: 400, height: 300, pixelRatio: 1, theme: 'light' });
    expect([chart.width, chart.height, chart.pixelRatio]).toEqual([400, 300, 1]);
    expect(pngSize(chart.png)).toEqual({ width: 400, height: 300 });
  });

  it('rejects a size that cannot be drawn', async () => {
    const [spec] = allSpecs();
    await expect(renderChart(spec!, { width: 0 })).rejects.toThrow(RangeError);
  });

  it('renders the same bytes for the same input, also when renders overlap', async () => {
    const specs = allSpecs();
    const one = await renderChart(specs[3]!);
    expect(Buffer.compare(one.png, (await renderChart(specs[3]!)).png)).toBe(0);
    const sequential: Buffer[] = [];
    for (const spec of specs) sequential.push((await renderChart(spec, { theme: 'light' })).png);
    const concurrent = await Promise.all(specs.map((spec) => renderChart(spec, { theme: 'light' })));
    concurrent.forEach((chart, i) => expect(Buffer.compare(chart.png, sequential[i]!)).toBe(0));
  });
});
