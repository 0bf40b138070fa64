// Migrations are forward-only (STYLE.md): generated files get an `up()` and no `down()`.
import type { MigrationDiff } from '@mikro-orm/core';
import { TSMigrationGenerator } from '@mikro-orm/migrations';

export class ForwardOnlyMigrationGenerator extends TSMigrationGenerator {
  override generateMigrationFile(className: string, diff: MigrationDiff): string {
    return super.generateMigrationFile(className, { up: diff.up, down: [] });
  }
}
