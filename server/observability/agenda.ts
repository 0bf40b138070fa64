// Job metrics for every Agenda job without touching the job code: the duration and outcome of each local run
// (remote notifications from other workers are ignored, they count their own) go to observeJob.
import type { Agenda, Job } from 'agenda';
import { observeJob } from './registry.ts';

function runMs(job: Job): number {
  const started = job.attrs.lastRunAt?.getTime();
  return started === undefined ? 0 : Math.max(0, Date.now() - started);
}

export function instrumentAgenda(agenda: Agenda): void {
  agenda.on('success', (job: Job, remote?: boolean) => {
    if (remote) return;
    observeJob(job.attrs.name, runMs(job), true);
  });
  agenda.on('fail', (_err: unknown, job: Job, remote?: boolean) => {
    if (remote) return;
    observeJob(job.attrs.name, runMs(job), false);
  });
}
