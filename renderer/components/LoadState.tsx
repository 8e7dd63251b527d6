import { Alert, Loader, type MantineSize } from '@mantine/core';

/**
 * What stands in for data not yet on the page: the loader while it is on its way, and once the load
 * failed the error instead (never a spinner beside a connection error). Pages that also show a
 * reload's error above data already shown keep that alert for when `data` is there.
 */
export function LoadState({ error, size }: { error: string | null; size?: MantineSize }) {
  if (error) {
    return (
      <Alert color="red" role="alert" data-testid="load-error">
        {error}
      </Alert>
    );
  }
  return <Loader size={size} data-testid="loading" />;
}
