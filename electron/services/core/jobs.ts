/**
 * How far each long job has come, for `jobs:status`: the page that asked for the work names it (a
 * random id) and polls while the answer is pending. A job is seen only by the person who started it;
 * finished jobs are forgotten after ten minutes.
 */
import type { JobPhase, JobStatus } from '../../../shared/contract/jobs';

/** What a long piece of work reports as it goes. */
export type ProgressReport = (phase: JobPhase, done: number, total: number) => void;

type Entry = JobStatus & { owner: number; finishedAt: number | null };

const KEEP_MS = 10 * 60 * 1000;
const MAX_JOBS = 500;

export type Jobs = {
  /** Runs `work` as job `jobId` of `owner` (no id: untracked), recording its progress and outcome. */
  track: <T>(owner: number, jobId: string | undefined, work: (report: ProgressReport) => Promise<T>) => Promise<T>;
  status: (owner: number, jobId: string) => JobStatus;
};

export function createJobs(now: () => number = Date.now): Jobs {
  const jobs = new Map<string, Entry>();

  const prune = () => {
    const t = now();
    for (const [id, job] of jobs) {
      if (job.finishedAt !== null && t - job.finishedAt > KEEP_MS) jobs.delete(id);
    }
    while (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value!);
  };

  return {
    track: async (owner, jobId, work) => {
      if (!jobId) return work(() => undefined);
      prune();
      const key = `${owner}:${jobId}`;
      const entry: Entry = { owner, state: 'running', phase: null, done: 0, total: 0, finishedAt: null };
      jobs.set(key, entry);
      try {
        const value = await work((phase, done, total) => {
          entry.phase = phase;
          entry.done = done;
          entry.total = total;
        });
        entry.state = 'done';
        return value;
      } catch (error) {
        entry.state = 'failed';
        throw error;
      } finally {
        entry.finishedAt = now();
      }
    },
    status: (owner, jobId) => {
      const job = jobs.get(`${owner}:${jobId}`);
      if (!job) return { state: 'unknown', phase: null, done: 0, total: 0 };
      return { state: job.state, phase: job.phase, done: job.done, total: job.total };
    },
  };
}
