/** Where the app's own page may come from: the packaged index.html, and the dev server in development only. */
export type TrustedUrlOptions = {
  /** The electron-vite dev server (ELECTRON_RENDERER_URL); pass it only when the app is not packaged. */
  devServerUrl?: string;
  /** The file:// URL of the built renderer's index.html. */
  appFileUrl?: string;
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The dev server counts only if it is itself a plain http(s) origin on the loopback interface. */
function devOrigin(devServerUrl: string | undefined): URL | null {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (!dev) return null;
  if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return null;
  if (dev.username || dev.password || !LOOPBACK_HOSTS.has(dev.hostname)) return null;
  return dev;
}

function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

/**
 * Whether a URL is the app's own page: exactly the packaged index.html (any hash or query, for the
 * router), or an exact origin match with the loopback dev server. Everything else is refused:
 * other files, other hosts, look-alike hosts, userinfo tricks, javascript:, data:, about:blank.
 */
export function isTrustedUrl(url: string, opts: TrustedUrlOptions): boolean {
  const candidate = parse(url);
  if (!candidate) return false;
  if (candidate.username || candidate.password) return false;

  if (candidate.protocol === 'file:') {
    const app = opts.appFileUrl ? parse(opts.appFileUrl) : null;
    if (!app || app.protocol !== 'file:') return false;
    return candidate.host === app.host && samePath(candidate.pathname, app.pathname);
  }

  if (candidate.protocol === 'http:' || candidate.protocol === 'https:') {
    const dev = devOrigin(opts.devServerUrl);
    if (!dev) return false;
    return candidate.protocol === dev.protocol && candidate.hostname === dev.hostname && candidate.port === dev.port;
  }

  return false;
}
