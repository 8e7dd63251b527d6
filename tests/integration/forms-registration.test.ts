/**
 * Issue 18 item 5, registration: 民族 is one of the 56 groups (on registration and in the profile), the
 * hukou district chosen (or read from the ID number) is saved with the child, and an ID number
 * already registered is refused naming that child, so the form can link to it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/services/core/context';
import { getRecord, updateProfile } from '../../electron/services/record/record';
import { createChild } from '../../electron/services/registry/children';
import { AppError } from '../../shared/contract/errors';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
let ctx: ServiceContext;
beforeEach(() => {
  db = tempDatabase();
  ctx = db.ctx;
});
afterEach(() => db.cleanup());

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('registration', () => {
  it('saves 民族 (汉 read as 汉族) and a Shanghai hukou district with the child', () => {
    const idNumber = makeIdNumber('310115', '2015-03-07', 12, 'female');
    const child = createChild(ctx, { name: '浦小东', sex: 'female', birthDate: '2015-03-07', idNumber, ethnicity: '汉', hukouDistrictCode: '310115' });
    const record = getRecord(ctx, child.id);
    expect(record.child).toMatchObject({ ethnicity: '汉族', hukouKind: 'shanghai', hukouDistrictCode: '310115' });
  });

  it('refuses a 民族 outside the 56, on registration and in the profile', () => {
    const e = thrown(() => createChild(ctx, { name: '张三', sex: 'male', birthDate: '2015-03-07', idNumber: null, ethnicity: '火星族' }));
    expect(JSON.stringify(e)).toContain('请从56个民族中选择');
    const child = createChild(ctx, { name: '李四', sex: 'male', birthDate: '2015-03-07', idNumber: null });
    const p = thrown(() => updateProfile(ctx, { childId: child.id, ethnicity: '地球人' }));
    expect(JSON.stringify(p) + String(p)).toContain('请从56个民族中选择');
    expect(updateProfile(ctx, { childId: child.id, ethnicity: '蒙古' }).ethnicity).toBe('蒙古族');
  });

  it('an ID number already registered is refused naming the child it belongs to', () => {
    const idNumber = makeIdNumber('310104', '2012-05-04', 11, 'male');
    const first = createChild(ctx, { name: '王小明', sex: 'male', birthDate: '2012-05-04', idNumber });
    const e = thrown(() => createChild(ctx, { name: '王晓明', sex: 'male', birthDate: '2012-05-04', idNumber }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toBe('该身份证号已登记');
    expect(((e as AppError).details as { existing: { id: number; name: string } }).existing).toMatchObject({ id: first.id, name: '王小明' });
  });
});
