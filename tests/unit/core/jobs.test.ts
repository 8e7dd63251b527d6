import { describe, expect, it } from 'vitest';
import { createJobs } from '../../../electron/services/core/jobs';

describe('jobs', () => {
  it('reports a job’s progress to its owner only, and its outcome', async () => {
    let now = 0;
    const jobs = createJobs(() => now);
    let report: ((done: number) => void) | null = null;
    let finish: (() => void) | null = null;
    const running = jobs.track(7, 'job-0001', (progress) => {
      report = (done) => progress('write', done, 10);
      return new Promise<string>((resolve) => (finish = () => resolve('ok')));
    });
    report!(3);
    expect(jobs.status(7, 'job-0001')).toEqual({ state: 'running', phase: 'write', done: 3, total: 10 });
    expect(jobs.status(8, 'job-0001')).toEqual({ state: 'unknown', phase: null, done: 0, total: 0 });
    finish!();
    await expect(running).resolves.toBe('ok');
    expect(jobs.status(7, 'job-0001').state).toBe('done');
    await expect(jobs.track(7, 'job-0002', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(jobs.status(7, 'job-0002').state).toBe('failed');
    // Finished jobs are forgotten after ten minutes (at the next job's start).
    now += 11 * 60 * 1000;
    await jobs.track(7, 'job-0003', async () => 1);
    expect(jobs.status(7, 'job-0001').state).toBe('unknown');
    expect(jobs.status(7, 'job-0003').state).toBe('done');
  });

  it('runs a job without an id untracked', async () => {
    const jobs = createJobs();
    await expect(jobs.track(1, undefined, async (progress) => (progress('read', 0, 0), 5))).resolves.toBe(5);
  });
});
