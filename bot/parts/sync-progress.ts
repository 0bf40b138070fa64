// The first sync's progress for /pulse status, read from sync_state (core/whop/sync-state.ts): lists finished
// out of those begun so far, rows read, when it started. Whop's lists report no totals and the per-course,
// per-channel and per-forum lists are only found as the sync goes, so it says how far it is, never a time left.
import type { SyncState } from '../../core/whop/sync-state.ts';
import type { AnswerField } from '../answer.ts';
import { formatNumber, instantLabel } from './format.ts';

export interface FirstSyncProgress {
  started: Date | null;
  listsDone: number;
  listsBegun: number;
  rows: number;
  running: boolean;
}

export function firstSyncProgress(states: readonly SyncState[]): FirstSyncProgress {
  const starts = states
    .map((s) => s.startedAt)
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    started: starts[0] ?? null,
    listsDone: states.filter((s) => s.status === 'done').length,
    listsBegun: states.length,
    rows: states.reduce((n, s) => n + s.counts.fetched, 0),
    running: states.some((s) => s.status === 'running'),
  };
}

/** The field shown until the first answers are made (firstDoneAt null); nothing once they are. */
export function firstSyncField(
  states: readonly SyncState[],
  firstDoneAt: Date | null,
  timeZone: string,
): AnswerField[] {
  if (firstDoneAt) return [];
  if (states.length === 0) return [{ label: 'First sync', value: 'queued: it starts within a minute of linking' }];
  const p = firstSyncProgress(states);
  const started = p.started ? `started ${instantLabel(p.started, timeZone)}; ` : '';
  const value = p.running
    ? `${started}${formatNumber(p.listsDone)} of ${formatNumber(p.listsBegun)} Whop lists begun so far are done, ${formatNumber(p.rows)} rows read. More lists appear as courses, channels and forums are found; "Pulse is ready" is posted when it ends.`
    : `${started}every list read (${formatNumber(p.rows)} rows); scoring members and posting "Pulse is ready" next.`;
  return [{ label: 'First sync', value }];
}
