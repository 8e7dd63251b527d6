import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoadState } from './LoadState';

const render = (error: string | null) =>
  renderToStaticMarkup(
    <MantineProvider>
      <LoadState error={error} />
    </MantineProvider>,
  );

describe('LoadState: the loader gives way to the error (issue 18, item 8)', () => {
  it('shows the loader while the data is on its way', () => {
    const html = render(null);
    expect(html).toContain('data-testid="loading"');
    expect(html).not.toContain('role="alert"');
  });

  it('once the load failed, shows the error and no loader beside it', () => {
    const html = render('无法连接数据主机');
    expect(html).toContain('无法连接数据主机');
    expect(html).toContain('role="alert"');
    expect(html).not.toContain('data-testid="loading"');
    expect(html).not.toContain('mantine-Loader');
  });
});
