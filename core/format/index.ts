// Public API of core/format/: the one way Pulse writes money, counts and percents (rules in number-format.ts).
export * from './number-format.ts';
