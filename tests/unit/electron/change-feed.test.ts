import { describe, expect, it } from 'vitest';
import { createChangeFeed } from '../../../electron/host/events';
import type { ChangeEvent } from '../../../shared/contract/events';

const user = { id: 1, username: 'u', displayName: 'U', roles: [], mustChangePassword: false };
const signedIn = (connections: string[]) => ({ get: (c: string) => (connections.includes(c) ? { user, lastActivity: 0, locked: false } : null) });
const change = (childIds: number[], origin: string) => ({ at: '2026-12-05T00:00:00Z', channel: 'record:updateProfile', by: 'U', byUserId: 1, childIds, origin });

describe('the change feed', () => {
  it('tells each signed-in subscriber, marking its own changes; a page not signed in hears nothing', () => {
    const feed = createChangeFeed(signedIn(['a', 'b']));
    const heard: Record<string, ChangeEvent[]> = { a: [], b: [], c: [] };
    for (const c of ['a', 'b', 'c']) feed.subscribe(c, (e) => heard[c]!.push(e));
    feed.publish(change([7], 'a'));
    expect(heard.a).toEqual([expect.objectContaining({ seq: 1, childIds: [7], mine: true })]);
    expect(heard.b).toEqual([expect.objectContaining({ seq: 1, mine: false })]);
    expect(heard.c).toEqual([]);
    expect(JSON.stringify(heard.b)).not.toContain('origin');
  });

  it('a reconnecting page gets what it missed, or null when the feed no longer keeps it; unsubscribing stops delivery', () => {
    const feed = createChangeFeed(signedIn(['a']));
    const heard: ChangeEvent[] = [];
    const stop = feed.subscribe('a', (e) => heard.push(e));
    feed.publish(change([1], 'x'));
    stop();
    feed.publish(change([2], 'x'));
    expect(heard).toHaveLength(1);
    expect(feed.since(1, 'a')?.map((e) => e.childIds)).toEqual([[2]]);
    for (let i = 0; i < 300; i += 1) feed.publish(change([i], 'x'));
    expect(feed.since(1, 'a')).toBeNull();
    expect(feed.since(feed.lastSeq(), 'a')).toEqual([]);
    expect(feed.since(0, 'nobody')).toEqual([]);
  });
});
