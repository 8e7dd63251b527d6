import { describe, expect, it } from 'vitest';
import { autismConsistency } from '../../../electron/services/autism/autism-pathway';
import { type AutismStage, autismProgress } from '../../../shared/domain/autism';

const ev = (id: number, stage: AutismStage, occurredOn: string, extra: { confirmed?: boolean | null; voidedAt?: string | null } = {}) => ({
  id,
  stage,
  occurredOn,
  confirmed: extra.confirmed ?? null,
  voidedAt: extra.voidedAt ?? null,
});

describe('where a child stands on the autism pathway', () => {
  it('is the furthest stage reached by a live event, with the first date each stage was reached', () => {
    expect(autismProgress([])).toEqual({ current: null, reachedOn: {} });
    const p = autismProgress([
      ev(1, 'screening', '2021-03-01'),
      ev(2, 'intervention', '2021-07-01'),
      ev(3, 'assessment', '2021-05-10'),
      ev(4, 'screening', '2020-12-01'),
      ev(5, 'care', '2022-01-01', { voidedAt: '2022-02-01T00:00:00Z' }),
    ]);
    expect(p.current).toBe('intervention');
    expect(p.reachedOn).toEqual({ screening: '2020-12-01', assessment: '2021-05-10', intervention: '2021-07-01' });
  });
});

describe('the pathway beside the record’s autism diagnosis', () => {
  const confirmed = ev(1, 'diagnosis', '2021-06-01', { confirmed: true });
  const ruledOut = ev(2, 'diagnosis', '2022-06-01', { confirmed: false });
  it.each([
    ['no diagnosis either side', [], null, 'none'],
    ['a record saying no, no diagnosis event', [], { value: false }, 'none'],
    ['a record diagnosis without a diagnosis event', [], { value: true }, 'eventMissing'],
    ['a confirmed diagnosis the record lacks', [confirmed], null, 'recordMissing'],
    ['both say autism', [confirmed], { value: true }, 'consistent'],
    ['the latest diagnosis ruled out, the record says autism', [confirmed, ruledOut], { value: true }, 'conflict'],
    ['ruled out on both sides', [ruledOut], { value: false }, 'consistent'],
    ['a voided confirmation does not count', [{ ...confirmed, voidedAt: '2021-07-01T00:00:00Z' }], { value: true }, 'eventMissing'],
  ] as const)('%s', (_what, events, record, expected) => {
    expect(autismConsistency([...events], record)).toBe(expected);
  });
});
