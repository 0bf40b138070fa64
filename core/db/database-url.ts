// Small helpers on PostgreSQL connection URLs, so nothing ever prints a password.

/** The database name in a postgres:// URL ("postgres" when the path is empty, as libpq does). */
export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

/** The same server and credentials, another database. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/' + encodeURIComponent(name);
  return url.toString();
}

/** host:port/database, safe for logs and error messages. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}${url.port ? ':' + url.port : ''}/${databaseName(databaseUrl)}`;
}

/** Quote an identifier for PostgreSQL DDL (CREATE/DROP DATABASE take no bind parameters). */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}
