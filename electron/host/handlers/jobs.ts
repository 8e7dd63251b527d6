import type { Jobs } from '../../services/core/jobs';
import type { Handler } from '../router';

/** How far one's own long job has come ('jobs:status'). */
export function jobsHandlers(jobs: Jobs) {
  const handlers: { 'jobs:status': Handler<'jobs:status'> } = {
    'jobs:status': (input, ctx) => jobs.status(ctx.session!.user.id, input.jobId),
  };
  return handlers;
}
