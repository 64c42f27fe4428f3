import initial from './001-initial';

/** The static, ordered list of migrations. Never edit a released entry: add a new one. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
];
