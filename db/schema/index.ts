export * from './users';
export * from './settings';
export * from './audit';
export * from './children';
export * from './documents';
export * from './record';
export * from './reintegration';
export * from './wellbeing';
