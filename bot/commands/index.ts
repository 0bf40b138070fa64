// The command registry: every command file, in the order help lists them. The adapters build their
// registrations (Discord slash commands with subcommands, Slack `/pulse <name>`) from `commands`.
import { askCommand } from './ask.ts';
import { churnCommand } from './churn.ts';
import { contentCommand } from './content.ts';
import { engagementCommand } from './engagement.ts';
import { createHelpCommand } from './help.ts';
import { pulseEraseCommand } from './pulse-erase.ts';
import { pulseSetupCommand } from './pulse-setup.ts';
import { pulseStatusCommand } from './pulse-status.ts';
import { pulseUpgradeCommand } from './pulse-upgrade.ts';
import { reportLinkCommand } from './report-link.ts';
import { reportRevokeCommand } from './report-revoke.ts';
import { revenueCommand } from './revenue.ts';
import type { Command } from './types.ts';

export const commands: Command[] = [
  revenueCommand,
  engagementCommand,
  churnCommand,
  contentCommand,
  askCommand,
  reportLinkCommand,
  reportRevokeCommand,
  pulseSetupCommand,
  pulseStatusCommand,
  pulseUpgradeCommand,
  pulseEraseCommand,
  createHelpCommand(() => commands),
];

/** The command named `revenue`, `report link`, `pulse setup`, … (case and extra spaces ignored). */
export function findCommand(name: string): Command | undefined {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return commands.find((c) => c.name === wanted);
}
