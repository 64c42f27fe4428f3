export { pae } from './pae';
export { buildStatement, checkSubjects, STATEMENT_TYPE, statementSchema, type Statement, type Subject, type SubjectInput } from './statement';
export { signEnvelope, verifyEnvelope, IN_TOTO_PAYLOAD_TYPE, type Envelope, type KeyLookup, type Signer, type VerifyResult } from './envelope';
export { EVIDENCE_BUNDLE_PREDICATE_TYPE, evidenceBundlePredicateSchema, treeHeadSchema, type EvidenceBundlePredicate } from './predicate';
