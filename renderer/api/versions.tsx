import { type ReactNode, createContext, useContext } from 'react';
import { type Versions, versionIn } from '../../shared/contract/versions';

/**
 * The versions of the parts a page shows (issue 19.4), as its last read returned them: an edit form
 * takes the version of its part when it opens and sends it back, so a change made meanwhile at another
 * desk is refused instead of overwritten.
 */
const VersionsContext = createContext<Versions | undefined>(undefined);

export function VersionsProvider({ versions, children }: { versions: Versions | undefined; children: ReactNode }) {
  const outer = useContext(VersionsContext);
  // A page inside another (a tab's own read inside the child page) adds its versions to the outer ones.
  return <VersionsContext.Provider value={outer && versions ? { ...outer, ...versions } : (versions ?? outer)}>{children}</VersionsContext.Provider>;
}

export function useVersions(): Versions | undefined {
  return useContext(VersionsContext);
}

export { versionIn };
