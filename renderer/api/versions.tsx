import { type ReactNode, createContext, useContext } from 'react';
import { type Versions, versionIn } from '../../shared/contract/versions';

/**
 * The versions of the parts a page shows (issue 19.4), as its last read returned them: an edit form
 * takes the version of its part when it opens and sends it back, so a change made meanwhile at another
 * desk is refused instead of overwritten.
 */
const VersionsContext = createContext<Versions | undefined>(undefined);

export function VersionsProvider({ versions, children }: { versions: Versions | undefined; children: ReactNode }) {
  // A tab with its own read (rehabilitation, a case) uses the versions of that read only: the versions
  // must be those of the data its forms show, never newer ones read later by the page around it.
  return <VersionsContext.Provider value={versions}>{children}</VersionsContext.Provider>;
}

export function useVersions(): Versions | undefined {
  return useContext(VersionsContext);
}

export { versionIn };
