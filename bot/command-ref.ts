// Command names in answers, spelled the way each platform types them: Discord registers every command (or
// group) as its own slash command (`/churn critical`, `/report revoke`, `/pulse setup`), Slack has the one
// `/pulse` (`/pulse churn critical`, `/pulse report revoke`, `/pulse setup`). Handlers, digests and alerts write
// commandRef('churn', 'critical') into their text; the renderers call spellCommands() on the whole answer before
// anything else, so no answer names a command that does not exist where it is read.
import type { Answer, AnswerComponent } from './answer.ts';

/** Commands answers may name (each is in bot/commands/index.ts: a test checks). */
export const commandNames = [
  'revenue',
  'engagement',
  'churn',
  'content',
  'ask',
  'report link',
  'report revoke',
  'pulse setup',
  'pulse status',
  'pulse upgrade',
  'pulse erase',
  'help',
] as const;
export type CommandName = (typeof commandNames)[number];

// Private-use characters: nothing Pulse or a platform writes, so a placeholder cannot be mistaken for text.
const OPEN = '\uE000';
const ARGS = '\uE002';
const CLOSE = '\uE001';
const placeholder = /\uE000([a-z ]{1,40})(?:\uE002([^\uE000\uE001\uE002]{0,200}))?\uE001/g;
const stray = /[\uE000-\uE002]/g;

/** A command as typed, e.g. commandRef('churn', 'critical'); put it inside backticks for code style. */
export function commandRef(name: CommandName, args?: string): string {
  return `${OPEN}${name}${args ? `${ARGS}${args}` : ''}${CLOSE}`;
}

export type ChatPlatformName = 'discord' | 'slack';

/** `/churn critical` on Discord, `/pulse churn critical` on Slack. */
export function spellCommand(platform: ChatPlatformName, name: string, args?: string): string {
  const typed = platform === 'slack' ? `/pulse ${name.replace(/^pulse /, '')}` : `/${name}`;
  return args ? `${typed} ${args}` : typed;
}

/** Text with every command placeholder spelled for `platform`. */
export function spellCommands(text: string, platform: ChatPlatformName): string {
  if (!text.includes(OPEN)) return text.replace(stray, '');
  return text
    .replace(placeholder, (_m, name: string, args?: string) => spellCommand(platform, name.trim(), args))
    .replace(stray, '');
}

const knownMention =
  /(^|[\s(`'"“])\/(report link|report revoke|report|pulse setup|pulse status|revenue|engagement|churn|content|ask|help)(?![\w/-])/g;

/**
 * Free text that names commands Discord's way (`/churn`, `/report revoke`: the coach's answers, written in core/
 * or by a model) with placeholders instead, so Slack readers see `/pulse churn`. A `/` inside a URL or path is
 * left alone (it follows a letter, not a space or quote).
 */
export function commandMentionsToRefs(text: string): string {
  return text.replace(
    knownMention,
    (_m, before: string, name: string) =>
      `${before}${commandRef(name === 'report' ? 'report link' : (name as CommandName))}`,
  );
}

function spellComponent(c: AnswerComponent, spell: (s: string) => string): AnswerComponent {
  if (c.type === 'select')
    return {
      ...c,
      placeholder: spell(c.placeholder),
      options: c.options.map((o) => ({
        ...o,
        label: spell(o.label),
        ...(o.description ? { description: spell(o.description) } : {}),
      })),
    };
  return { ...c, label: spell(c.label) };
}

/** The answer with every text spelled for `platform` (renderers call this first). */
export function spellAnswer(a: Answer, platform: ChatPlatformName): Answer {
  const spell = (s: string) => spellCommands(s, platform);
  const opt = (s: string | undefined) => (s === undefined ? undefined : spell(s));
  return {
    ...a,
    title: spell(a.title),
    ...(a.summary !== undefined ? { summary: spell(a.summary) } : {}),
    fields: a.fields.map((f) => ({ ...f, label: spell(f.label), value: spell(f.value) })),
    tables: a.tables.map((t) => ({
      ...t,
      ...(t.title !== undefined ? { title: spell(t.title) } : {}),
      columns: t.columns.map((c) => ({ ...c, label: spell(c.label) })),
      rows: t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, spell(v)]))),
    })),
    charts: a.charts.map((c) => ({ ...c, alt: spell(c.alt), numbers: spell(c.numbers) })),
    components: a.components.map((row) => row.map((c) => spellComponent(c, spell))),
    footer: Object.fromEntries(Object.entries(a.footer).map(([k, v]) => [k, opt(v)])),
    notices: a.notices.map(spell),
  };
}
