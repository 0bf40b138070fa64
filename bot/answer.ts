// The platform-neutral answer every command handler, digest and alert returns. bot/discord renders it as an
// embed with attachments and components, bot/slack as Block Kit with file uploads; the report pages reuse
// the same figures. Text uses a tiny neutral markup (bot/markup.ts): **bold**, `code`, plain line breaks, and
// data() for every string from Whop or a member — each renderer translates and escapes it for its platform.
import type { ChartSpec } from '../charts/index.ts';
import type { References } from './markup.ts';

export { data, prose } from './markup.ts';

/** Colour/status of the answer (embed colour, Slack emoji). */
export type Tone = 'good' | 'warning' | 'bad' | 'neutral' | 'info';

export interface AnswerField {
  label: string;
  value: string;
  /** Side by side with neighbours where the platform can (Discord inline fields, Slack section fields). */
  inline?: boolean;
}

export interface AnswerColumn {
  key: string;
  label: string;
  align?: 'left' | 'right';
}

/** A table (top members, at-risk members, content ranking). Rows are display strings keyed by column. */
export interface AnswerTable {
  title?: string;
  columns: AnswerColumn[];
  rows: Record<string, string>[];
  /** Pagination of a long list: which page this is and how many there are. */
  page?: { index: number; count: number; total: number };
}

/** A chart to render (charts/renderChart) and attach; `numbers` is its data as text for image-less clients. */
export interface AnswerChart {
  spec: ChartSpec;
  /** File name of the PNG, e.g. 'mrr.png'. */
  filename: string;
  /** Alt text; the renderer may replace it with renderChart's own alt. */
  alt: string;
  /** The chart's key numbers as short text lines (always shown with or under the image). */
  numbers: string;
}

/**
 * An interactive component. `id` is an opaque action reference built with bot/parts/action-ids.ts
 * (never member names, emails or Whop ids); the platform adapter puts it in Discord's custom_id or Slack's
 * action_id/value, and hands it back to the action dispatcher on click.
 */
export type AnswerComponent =
  | { type: 'button'; id: string; label: string; style: 'primary' | 'secondary' | 'success' | 'danger' }
  | { type: 'link'; url: string; label: string }
  | {
      type: 'select';
      id: string;
      placeholder: string;
      options: { label: string; value: string; description?: string; default?: boolean }[];
    };

export interface AnswerFooter {
  /** e.g. 'Nov 1 – Nov 26, 2026 (Europe/Berlin)'. */
  period?: string;
  /** e.g. 'data as of 08:15 UTC, synced 4 min ago'. */
  freshness?: string;
  /** e.g. 'model AUC 0.86, calibration error 1.1 pts'. */
  model?: string;
}

/**
 * Who may see it: `public` posts in the channel; `ephemeral` only to the person who asked (member-level data
 * unless the creator chose a staff channel); a renderer never widens visibility.
 */
export type Visibility = 'public' | 'ephemeral';

export interface Answer {
  title: string;
  /** Short lead paragraph (neutral markup). */
  summary?: string;
  tone: Tone;
  fields: AnswerField[];
  tables: AnswerTable[];
  charts: AnswerChart[];
  /** Rows of components; at most 5 rows of at most 5 buttons (or one select) each. */
  components: AnswerComponent[][];
  footer: AnswerFooter;
  visibility: Visibility;
  /** True when the answer names members (names, emails, churn lists): only for people with admin rights. */
  memberLevel: boolean;
  /** Sentences shown as a note, e.g. tier limits hit ("The free plan lists 50 members; …"). */
  notices: string[];
  /** A short reference id for error answers ("ref 7f3a2c"), matching the log line. */
  reference?: string;
  /**
   * Pulse's own mentions written into the text (`<#id>`, `<@&id>`, `<!subteam^id>`, `<@id>`, from
   * bot/parts/mentions.ts): only these render as mentions; any other `<…>` in the text is shown as typed.
   */
  references?: string[];
}

/** The answer's declared mentions, for the renderers. */
export function referencesOf(a: Pick<Answer, 'references'>): References {
  return new Set(a.references ?? []);
}

/** An answer with defaults filled in, so handlers state only what they have. */
export function answer(a: Partial<Answer> & Pick<Answer, 'title'>): Answer {
  return {
    tone: 'neutral',
    fields: [],
    tables: [],
    charts: [],
    components: [],
    footer: {},
    visibility: 'public',
    memberLevel: false,
    notices: [],
    ...a,
  };
}
