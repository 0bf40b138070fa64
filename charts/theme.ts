// Two palettes: 'dark' sits on Discord's #313338, 'light' on Slack's white. Both draw an opaque card, so the
// chart keeps its contrast whatever is behind it; series colours pass 3:1 against their card.
import type { Theme } from './types.ts';

export interface Palette {
  card: string;
  border: string;
  text: string;
  muted: string;
  grid: string;
  zeroLine: string;
  primary: string;
  secondary: string;
  new: string;
  reactivation: string;
  expansion: string;
  contraction: string;
  churn: string;
  net: string;
  low: string;
  medium: string;
  high: string;
  critical: string;
  /** Colour of an empty heat-map or cohort cell. */
  emptyCell: string;
  /** Strongest colour of a cell that carries text (white text stays readable on it in the dark theme). */
  cellHigh: string;
}

const dark: Palette = {
  card: '#1e1f24',
  border: '#3b3d45',
  text: '#f2f3f5',
  muted: '#a5abb6',
  grid: 'rgba(255,255,255,0.08)',
  zeroLine: 'rgba(255,255,255,0.35)',
  primary: '#7c8cff',
  secondary: '#4f5a8c',
  new: '#34d399',
  reactivation: '#60a5fa',
  expansion: '#2dd4bf',
  contraction: '#fb923c',
  churn: '#f87171',
  net: '#f2f3f5',
  low: '#34d399',
  medium: '#facc15',
  high: '#fb923c',
  critical: '#f87171',
  emptyCell: '#292b31',
  cellHigh: '#5263e6',
};

const light: Palette = {
  card: '#ffffff',
  border: '#d9dce1',
  text: '#1d1f23',
  muted: '#5e6470',
  grid: 'rgba(0,0,0,0.08)',
  zeroLine: 'rgba(0,0,0,0.4)',
  primary: '#4a5ad8',
  secondary: '#b9c0f0',
  new: '#059669',
  reactivation: '#2563eb',
  expansion: '#0d9488',
  contraction: '#ea580c',
  churn: '#dc2626',
  net: '#1d1f23',
  low: '#10b981',
  medium: '#eab308',
  high: '#f97316',
  critical: '#dc2626',
  emptyCell: '#f0f1f4',
  cellHigh: '#3f4fcf',
};

export function palette(theme: Theme): Palette {
  return theme === 'light' ? light : dark;
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Blend two '#rrggbb' colours: t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const x = rgb(a);
  const y = rgb(b);
  const k = Math.min(1, Math.max(0, t));
  const c = x.map((v, i) => Math.round(v + ((y[i] ?? v) - v) * k));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** '#rrggbb' with an alpha, as rgba(). */
export function alpha(hex: string, a: number): string {
  const [r, g, b] = rgb(hex);
  return `rgba(${r},${g},${b},${a})`;
}

/** Relative luminance (WCAG) of '#rrggbb'. */
export function luminance(hex: string): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = rgb(hex);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Near-black or near-white, whichever has the higher contrast on the given background. */
export function textOn(hex: string): string {
  return luminance(hex) > 0.18 ? '#16171a' : '#f7f8fa';
}
