// Schedule maths with the clock passed in: local wall time and which digests are due.
export * from './local-time.ts';
export * from './digest-due.ts';
