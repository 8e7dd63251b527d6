/** Issue 19: every channel named as a read or a session step exists (a typo would turn a write into a read's handling or leave a read stored). */
import { expect, it } from 'vitest';
import { CLASSIFIED_CHANNELS, channelKind } from '../../../shared/contract/channel-kinds';
import { contract } from '../../../shared/contract';

it('names only channels the contract has', () => {
  const known = new Set(Object.keys(contract));
  expect(CLASSIFIED_CHANNELS.filter((c) => !known.has(c))).toEqual([]);
});

it('treats anything not known to read as a write, so a new channel is never retried unprotected', () => {
  expect(channelKind('children:create')).toBe('write');
  expect(channelKind('some:newChannel')).toBe('write');
  expect(channelKind('children:list')).toBe('read');
  expect(channelKind('backup:run')).toBe('outside');
});
