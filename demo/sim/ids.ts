// Whop-looking ids (`mem_` + 14 base-62 characters), unique per kind and deterministic per seed.
// The first 6 characters encode a 32-bit bijective scramble of the counter, so ids never collide;
// the other 8 are seed-dependent noise shifted by those 6, so they look random.
import { hashSeed } from '../../core/random.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CODES = [...ALPHABET].map((c) => c.charCodeAt(0));

/** Invertible 32-bit scramble (each step is a bijection). */
function scramble(n: number, salt: number): number {
  let x = (n ^ salt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function digits(value: number, count: number): number[] {
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < count; i++) {
    out.push(v % 62);
    v = Math.floor(v / 62);
  }
  return out;
}

export interface IdMaker {
  /** The n-th id (n >= 0, below 2^32) of a kind, e.g. make('mem', 0). */
  make(prefix: string, n: number): string;
  /** Next id of a kind from this maker's own counter. */
  next(prefix: string): string;
}

interface Kind {
  prefix: string;
  salt: number;
  noise: number[];
  counter: number;
}

export function idMaker(seed: number | string): IdMaker {
  const kinds = new Map<string, Kind>();
  const kind = (prefix: string): Kind => {
    let k = kinds.get(prefix);
    if (!k) {
      const code = [...prefix].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 31), 7);
      const noise = [...digits(hashSeed(seed, code, 2), 5), ...digits(hashSeed(seed, code, 3), 3)];
      k = { prefix: prefix + '_', salt: hashSeed(seed, code, 1), noise, counter: 0 };
      kinds.set(prefix, k);
    }
    return k;
  };
  const codes = new Array<number>(14);
  const make = (k: Kind, n: number): string => {
    let v = scramble(n, k.salt);
    for (let i = 0; i < 6; i++) {
      codes[i] = v % 62;
      v = Math.floor(v / 62);
    }
    for (let i = 0; i < 8; i++) codes[6 + i] = (k.noise[i]! + codes[i % 6]! * (i + 1)) % 62;
    for (let i = 0; i < 14; i++) codes[i] = CODES[codes[i]!]!;
    return k.prefix + String.fromCharCode(...codes);
  };
  return {
    make: (prefix, n) => make(kind(prefix), n),
    next: (prefix) => {
      const k = kind(prefix);
      return make(k, k.counter++);
    },
  };
}
