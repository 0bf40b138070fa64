import { describe, expect, it } from 'vitest';
import { databaseName, describeDatabase, quoteIdent, withDatabaseName } from './database-url.ts';

describe('database URLs', () => {
  const url = 'postgres://pulse:p%40ss@db.internal:6543/pulse_prod?sslmode=require';

  it('reads the database name, defaulting to postgres', () => {
    expect(databaseName(url)).toBe('pulse_prod');
    expect(databaseName('postgres://u@h')).toBe('postgres');
  });

  it('swaps the database and keeps credentials and options', () => {
    expect(withDatabaseName(url, 'pulse_t_x')).toBe(
      'postgres://pulse:p%40ss@db.internal:6543/pulse_t_x?sslmode=require',
    );
  });

  it('describes a database without user or password', () => {
    expect(describeDatabase(url)).toBe('db.internal:6543/pulse_prod');
    expect(describeDatabase('postgres://u:secret@h/db')).toBe('h/db');
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
