import { Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { JobStatus } from '../../shared/contract/jobs';
import { call } from '../api/client';
import { useT } from '../i18n';

const POLL_MS = 300;

/** A new job id for a request whose progress the page will follow. */
export function newJobId(): string {
  return crypto.randomUUID();
}

/**
 * How far a long job has come, asked of `jobs:status` while the request that started it is pending
 * (polling works over every transport). Null while nothing is known yet.
 */
export function useJobProgress(jobId: string | null): JobStatus | null {
  const [status, setStatus] = useState<JobStatus | null>(null);
  useEffect(() => {
    setStatus(null);
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('jobs:status', { jobId });
        if (!stopped) setStatus(next);
      } catch {
        // A missed answer is no reason to stop: the next poll asks again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);
  return status;
}

/** A progress bar with what is being done ("正在导入：第 300 / 20000 行"), for a job still running. */
export function JobProgress({ jobId }: { jobId: string | null }) {
  const t = useT();
  const status = useJobProgress(jobId);
  if (!jobId) return null;
  const total = status?.total ?? 0;
  const done = status?.done ?? 0;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  const phase = status?.phase ?? 'read';
  const text = phase === 'read' || total === 0 ? t('longWork.progress.read') : t(`longWork.progress.${phase}`, { done, total, percent });
  return (
    <Stack gap={4} data-testid="job-progress">
      <Progress value={phase === 'read' ? 100 : percent} animated={phase === 'read'} striped={phase === 'read'} aria-label={t('longWork.progress.label')} />
      <Text size="sm" role="status">
        {text}
      </Text>
      <Text size="xs" c="dimmed">
        {t('longWork.progress.others')}
      </Text>
    </Stack>
  );
}
