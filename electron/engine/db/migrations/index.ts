import initial from './001-initial';
import custodyLedger from './002-custody-ledger';
import eventLeaves from './003-event-leaves';
import investigation from './004-investigation';
import treeHeads from './005-tree-heads';
import findings from './006-findings';
import celRules from './007-cel-rules';
import semantic from './008-semantic';
import policyRuns from './009-policy-runs';
import templates from './010-templates';

/** The static, ordered list of migrations. Never edit a released entry: add a new one. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'custody-ledger', sql: custodyLedger },
  { version: 3, name: 'event-leaves', sql: eventLeaves },
  { version: 4, name: 'investigation', sql: investigation },
  { version: 5, name: 'tree-heads', sql: treeHeads },
  { version: 6, name: 'findings', sql: findings },
  { version: 7, name: 'cel-rules', sql: celRules },
  { version: 8, name: 'semantic', sql: semantic },
  { version: 9, name: 'policy-runs', sql: policyRuns },
  { version: 10, name: 'templates', sql: templates },
];
