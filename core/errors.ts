// Domain errors, mapped to HTTP / chat replies in one place per side.
export class PulseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFound extends PulseError {}
export class NotLinked extends PulseError {}
export class Forbidden extends PulseError {}
export class BadInput extends PulseError {}
export class SchemaNotReady extends PulseError {}
export class TierLimit extends PulseError {
  readonly limit: { kind: 'history' | 'members' | 'ai'; allowed: number; tier: string };
  constructor(message: string, limit: TierLimit['limit']) {
    super(message);
    this.limit = limit;
  }
}
