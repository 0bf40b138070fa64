// Migrations are forward-only (docs/style.md#database): generated files get an `up()` and no `down()`.
import type { MigrationDiff } from '@mikro-orm/core';
import { TSMigrationGenerator } from '@mikro-orm/migrations';

export class ForwardOnlyMigrationGenerator extends TSMigrationGenerator {
  override generateMigrationFile(className: string, diff: MigrationDiff): string {
    return super.generateMigrationFile(className, { up: diff.up, down: [] });
  }
}
