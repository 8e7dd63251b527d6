import { safeEn } from './parts/safe';
import { readEn } from './parts/read';
import { adminEn } from './parts/admin';
import { backupEn } from './parts/backup';
import { desksEn } from './parts/desks';
import { conflictEn } from './parts/conflict';
import { versionsEn } from './parts/versions';
import { ledgersEn } from './parts/ledgers';
import { formsEn } from './parts/forms';
import { reportsEn } from './parts/reports';
import { rulesEn } from './parts/rules';
import { recordEn } from './parts/record';
import { rehabEn } from './parts/rehab';
import { reintegrationEn } from './parts/reintegration';
import { registryEn } from './parts/registry';
import { wellbeingEn } from './parts/wellbeing';
import { workEn } from './parts/work';
import { secEn } from './parts/sec';
import type { Messages } from './zh-CN';

/** English, second language. Every key of zh-CN must be here (the type checks it). */
export const en: Messages = {
  app: { name: 'Tonghu', fullName: 'Tonghu · case management for child welfare institutions', loading: 'Loading…', language: '中文', languageLabel: 'Switch language' },
  common: {
    save: 'Save', cancel: 'Cancel', confirm: 'Confirm', next: 'Next', back: 'Back', close: 'Close', print: 'Print', search: 'Search',
    required: 'Required', saving: 'Saving…', saved: 'Saved', loadFailed: 'Could not load', retry: 'Retry', none: 'None',
    male: 'Male', female: 'Female', years: 'y', total: '{n} in all', notRecorded: 'Not recorded',
  },
  nav: {
    dashboard: 'Dashboard', children: 'Children', rehabilitation: 'Rehabilitation', reintegration: 'Age-18 reintegration',
    reports: 'Reports', ledgers: 'Ledgers & import', administration: 'Administration', lock: 'Lock screen', lockHint: 'Lock the screen (Ctrl+L)', logout: 'Sign out', signedInAs: 'Signed in as',
  },
  roles: { administrator: 'Administrator', caseworker: 'Caseworker', therapist: 'Therapist', placementOfficer: 'Placement officer', supervisor: 'Supervisor' },
  setup: {
    title: 'First-run set-up',
    intro: 'Welcome to Tonghu. All data stay encrypted on this computer and never leave it unless you export them.',
    stepInstitution: 'Institution and administrator', stepKey: 'Database passphrase', stepRecovery: 'Recovery code',
    institutionName: 'Institution name', institutionPlaceholder: 'e.g. Shanghai Children’s Welfare Institute',
    displayName: 'Administrator’s name', username: 'Username', password: 'Password',
    passwordHint: 'At least 10 characters with three of: lower case, upper case, digits, symbols',
    passwordConfirm: 'Repeat the password', passwordMismatch: 'The passwords differ',
    passphrase: 'Database passphrase',
    passphraseHint: 'This computer has no secure keychain: set a passphrase (12+ characters) to protect the database key. It is asked at every start.',
    passphraseConfirm: 'Repeat the passphrase', passphraseMismatch: 'The passphrases differ',
    keyAuto: 'The database key is generated and protected by this computer’s keychain (or the passphrase given at start).',
    loadDemo: 'Load demo data (200 fictional children, for getting to know the app)',
    create: 'Create the encrypted database', creating: 'Creating the encrypted database…',
    recoveryTitle: 'Keep the recovery code safe',
    recoveryIntro: 'The recovery code is shown only once. It is the only way to open the data on a new computer, after the keychain is lost or the passphrase forgotten. Print or copy it and keep it somewhere safe.',
    recoveryConfirmLabel: 'Type the last group of the code (5 characters) to confirm you saved it',
    recoveryConfirmWrong: 'Does not match the last group',
    recoveryDone: 'Saved — go to sign in', printRecovery: 'Print the recovery code',
  },
  unlock: {
    title: 'Open the encrypted data', passphrase: 'Database passphrase', recoveryCode: 'Recovery code', method: 'Method', submit: 'Open',
    corruptTitle: 'The database cannot be opened', corruptHelp: 'The data file has not been changed or deleted. Ask the administrator to restore a backup.',
  },
  login: { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in' },
  lock: {
    title: 'Screen locked', message: 'The screen is locked to protect children’s information. Unsaved input is kept.',
    password: 'Password', unlock: 'Unlock', switchUser: 'Sign out and switch user',
  },
  changePassword: {
    title: 'Change password', mustChange: 'An administrator reset your password: set a new one first.',
    current: 'Current password', next: 'New password', confirm: 'Repeat the new password', submit: 'Change password',
  },
  dashboard: { title: 'Dashboard', welcome: 'Hello, {name}', childrenInCare: 'Children in care', quickSearch: 'Find a child (name, pinyin initials or ID number)' },
  children: {
    title: 'Children', add: 'Register a child', searchPlaceholder: 'Name, pinyin, initials or part of the ID number', statusFilter: 'Status',
    status: { inCare: 'In care', discharged: 'Discharged', archived: 'Archived', all: 'All' },
    columns: { name: 'Name', sex: 'Sex', age: 'Age', birthDate: 'Born', idNumber: 'ID number', status: 'Status', admissionDate: 'Admitted' },
    empty: 'No children registered yet', emptyHint: 'Click “Register a child” to open the first case file.',
    noMatch: 'No child matches', noMatchHint: 'Try another name, pinyin initials or part of the ID number.',
    noIdNumber: 'No ID number', sort: 'Sort',
  },
  childForm: {
    title: 'Register a child', name: 'Name', sex: 'Sex', birthDate: 'Date of birth', idNumber: 'ID number',
    idNumberHint: '18 characters; leave empty for an abandoned infant without one and add it later', admissionDate: 'Admission date',
    duplicateTitle: 'Possible duplicate', duplicateBody: 'A child with the same name (or pinyin) and date of birth exists:',
    saveAnyway: 'Not the same child — save anyway', created: 'Registered: {name}',
  },
  child: { back: 'Back to the list', summary: { open: 'Print summary', back: 'Back to the record', print: 'Print' } },
  eligibility: {
    asOf: 'Evaluate on', today: 'Today', policyNotInForce: 'Policy not in force', ageLabel: 'Age', age: '{n} years', eighteenth: 'Turns 18 on {date}',
    categories: 'Categories', noCategory: 'No category of children in difficulty', specialChild: 'Special child',
    treatedAsInstitutionalOrphan: 'Treated as an institutional orphan', placementResponsibility: 'Placement responsibility',
    responsibility: { hukouDistrictGovernment: 'Hukou district government', municipalInstitution: 'Municipal children\'s welfare institution', asGuardianshipMissing: 'Aided as guardianship missing' },
    entitlements: 'Entitlements',
    columns: { benefit: 'Benefit', status: 'Status', clause: 'Clause', reason: 'Reason', receiving: 'Receiving' },
    status: { eligible: 'Eligible', ineligible: 'Not eligible', excluded: 'Excluded' },
    receivingYes: 'Receiving',
    conflicts: 'Benefits that may not be received together',
    conflictAction: 'Action: check with the district civil affairs bureau which one to keep; stop the other and record the date.',
    noConflicts: 'No conflicts between the benefits received.',
    medical: 'Medical cover', premium: 'Resident medical insurance and children\'s hospitalisation fund',
    premiumYes: 'Personal contribution fully subsidised', premiumNo: 'Not fully subsidised', minAid: 'Medical aid ratio', minAidValue: 'At least {pct}%',
    asMinimumLiving: 'Aided as a member of a minimum-living-security family',
    reintegration: 'Social reintegration',
    reintegrationStatus: {
      notApplicable: 'Not applicable', notYetAdult: 'Under 18', deferredStudying: 'Studying, assessment deferred', assessmentDue: 'Assessment due',
      resettle: 'Resettle in society', transferToAdultWelfare: 'Transfer to a municipal social welfare institution', secondAssessmentDue: 'Second assessment due',
    },
    tasks: { housing: 'Housing', hukou: 'Hukou', employment: 'Employment', longTermCare: 'Long-term care' },
    timeline: 'What changes when', timelineKinds: { eighteenthBirthday: '18th birthday', studyEnds: 'Expected end of study', policyEnds: 'Policy term ends' },
    noChange: 'Nothing changes on this date.', noTimeline: 'No coming date changes the entitlements.',
    change: { entitlement: '{benefit}: {from} → {to}', reintegration: 'Reintegration: {from} → {to}', policyOff: 'The policy is no longer in force', conflictStarts: 'Conflict starts: {a} and {b}', conflictEnds: 'Conflict ends: {a} and {b}' },
    facts: 'Facts used', factsHint: 'Derived from the case file as recorded on the evaluation date; correct the file if anything is wrong.',
    warnings: 'Notes', clauseTooltip: 'Clause {id}',
  },
  registry: registryEn,
  admin: adminEn,
  backup: backupEn,
  desks: desksEn,
  safe: safeEn,
  reintegration: reintegrationEn,
  record: recordEn,
  rehab: rehabEn,
  wellbeing: wellbeingEn,
  ledgers: ledgersEn,
  longWork: workEn,
  reports: reportsEn,
  rules: rulesEn,
  read: readEn,
  sec: secEn,
  conflict: conflictEn,
  versions: versionsEn,
  forms: formsEn,
  benefits: {
    basicLivingAllowance: 'Basic living allowance', minimumLivingAllowance: 'Minimum living security (dibao)', extremePovertySupport: 'Extreme-poverty support',
    temporaryAid: 'Temporary aid', disabledLivingSubsidy: 'Living subsidy for disabled people in hardship', severeDisabilityUnemployedSubsidy: 'Allowance for severely disabled people without work',
    severeDisabilityNursingSubsidy: 'Nursing subsidy for severe disability', rehabilitationAid: 'Rehabilitation aid', medicalInsurancePremium: 'Medical insurance premiums fully paid',
    medicalAid: 'Medical aid', educationAid: 'Education aid at every stage', nationalGrantTuitionWaiver: 'National grant and tuition waiver',
  },
  categories: {
    orphan: 'Orphan', guardianshipMissing: 'Guardianship missing', guardianshipImproper: 'Guardianship improper', disabled: 'Disabled',
    economicHardship: 'Family in economic hardship', migrant: 'Migrant child', leftBehind: 'Left-behind child',
  },
  worklist: {
    title: 'Work due', asOf: 'As of {date}', all: 'All',
    kinds: {
      turning18: 'Turning 18 within six months', assessmentDue: 'Reintegration assessment due', allowanceStops: 'Benefit stops', conflict: 'Benefits that may not stack',
      mentalHealthDue: 'Mental-health check this school year', rehabReviewDue: 'Rehabilitation plan review', mentalHealthHighRisk: 'High mental-health risk to close', reintegrationOverdue: 'Reintegration overdue',
      ...rulesEn.worklistKinds,
    },
    urgency: { now: 'Now', soon: 'Soon', upcoming: 'Upcoming' },
    columns: { child: 'Child', kind: 'What', due: 'Date', clause: 'Clause', reason: 'Why' },
    empty: 'Nothing is due', emptyHint: 'Assessments, 18th birthdays and benefit changes appear here by themselves.', refresh: 'Refresh', count: '{n} items',
    showAll: 'Show all {n}', showFirst: 'Show the first {n} only',
  },
  errors: { generic: 'Not done: {message}', network: 'Cannot reach the local service' },
};
