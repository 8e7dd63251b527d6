import { describe, expect, it } from 'vitest';
import { clinicalRolesOfAdministrator } from './role-warnings';

describe('an administrator holding a clinical role', () => {
  it('is named with the clinical roles held', () => {
    expect(clinicalRolesOfAdministrator(['administrator', 'supervisor', 'therapist'])).toEqual(['therapist', 'supervisor']);
    expect(clinicalRolesOfAdministrator(['administrator', 'placementOfficer'])).toEqual(['placementOfficer']);
  });
  it('is not flagged for an administrator alone, nor for clinical roles without administration', () => {
    expect(clinicalRolesOfAdministrator(['administrator'])).toEqual([]);
    expect(clinicalRolesOfAdministrator(['therapist', 'supervisor'])).toEqual([]);
  });
});
