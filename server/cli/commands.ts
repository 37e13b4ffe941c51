import type { Command } from './command.js';
import { auditVerifyCommand } from './commands/audit-verify.js';
import { configApplyCommand } from './commands/config-apply.js';
import { configValidateCommand } from './commands/config-validate.js';
import { incidentActionCommands } from './commands/incidents-act.js';
import { incidentsListCommand } from './commands/incidents-list.js';
import { incidentsShowCommand } from './commands/incidents-show.js';
import { loginCommand } from './commands/login.js';
import { maintEndCommand, maintStartCommand } from './commands/maint.js';
import { oncallCommand } from './commands/oncall.js';
import { pageCommand } from './commands/page.js';
import { scheduleOverrideCommand } from './commands/schedule-override.js';
import { whoamiCommand } from './commands/whoami.js';

/** Every `klaxon` command, in the order `klaxon --help` lists them. */
export const COMMANDS: readonly Command[] = [
  loginCommand,
  whoamiCommand,
  incidentsListCommand,
  incidentsShowCommand,
  ...incidentActionCommands,
  pageCommand,
  oncallCommand,
  scheduleOverrideCommand,
  maintStartCommand,
  maintEndCommand,
  configValidateCommand,
  configApplyCommand,
  auditVerifyCommand,
];
