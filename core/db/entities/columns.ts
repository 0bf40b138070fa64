// Column shapes shared by the entities: ids and money are bigint in PostgreSQL, plain numbers in
// TypeScript (values stay far below 2^53), and times are timestamptz.
import { p } from '@mikro-orm/core';

/** bigserial primary key. */
export const serialId = () => p.bigint('number').primary().autoincrement();

/** Integer minor units (cents) in a bigint column. */
export const minorUnits = () => p.bigint('number');

/** A row's creation time, set by the database and by the ORM on insert. */
export const createdAt = () =>
  p
    .datetime()
    .defaultRaw('current_timestamp')
    .onCreate(() => new Date());

/** A row's last change, kept current by the ORM. */
export const updatedAt = () =>
  p
    .datetime()
    .defaultRaw('current_timestamp')
    .onCreate(() => new Date())
    .onUpdate(() => new Date());
