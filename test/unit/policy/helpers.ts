import { join } from 'node:path';
import type { AccessEvent } from '../../../electron/engine/detect/policy/index';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);
export const SHA_C = 'c'.repeat(64);

/** 2024-03-01T10:00:00Z in microseconds, plus `sec` seconds. */
export const at = (sec: number): number => (Date.UTC(2024, 2, 1, 10, 0, 0) + sec * 1000) * 1000;

let nextId = 1;
export const resetIds = (): void => {
  nextId = 1;
};

/** An auditd-like file open: the path in `resource`, exe/uid among the original fields (flattened). */
export function auditdOpen(exe: string, uid: number, path: string, sec: number, success = true): AccessEvent {
  return {
    id: nextId++,
    ts: at(sec),
    user: String(uid),
    host: 'etl-01',
    action: 'openat',
    outcome: success ? 'success' : 'failure',
    src_ip: null,
    dst_ip: null,
    resource: path,
    severity: null,
    format: 'auditd',
    message: `type=SYSCALL msg=audit(...): syscall=257 success=${success ? 'yes' : 'no'} uid=${uid} exe="${exe}" name="${path}"`,
    attrs: { type: 'SYSCALL', syscall: '257', exe, uid, name: path, success: success ? 'yes' : 'no' },
  };
}

/** A CloudTrail-like S3 GetObject: `resource` = s3://bucket/key, the ARN under userIdentity (flattened). */
export function s3Get(roleSession: string, bucket: string, key: string, sec: number): AccessEvent {
  const arn = `arn:aws:sts::111122223333:assumed-role/${roleSession}`;
  return {
    id: nextId++,
    ts: at(sec),
    user: roleSession.split('/')[0]!,
    host: null,
    action: 'GetObject',
    outcome: 'success',
    src_ip: '10.0.4.17',
    dst_ip: null,
    resource: `s3://${bucket}/${key}`,
    severity: null,
    format: 'cloudtrail',
    message: `GetObject s3://${bucket}/${key}`,
    attrs: {
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      'userIdentity.type': 'AssumedRole',
      'userIdentity.arn': arn,
      'requestParameters.bucketName': bucket,
      'requestParameters.key': key,
    },
  };
}

export const INGEST = '/opt/pipeline/bin/ingest';
export const TRAIN = '/opt/pipeline/bin/train-v2';

/** The pipeline doing what the policy allows. */
export function cleanRun(): AccessEvent[] {
  return [
    auditdOpen(INGEST, 1001, '/data/raw/orders/2024-01.csv', 0),
    auditdOpen(INGEST, 1001, '/data/raw/orders/2024-02.csv', 1),
    auditdOpen(INGEST, 1001, '/var/cache/pipeline/ingest/orders.idx', 2),
    auditdOpen(TRAIN, 1002, '/data/features/part-0.parquet', 3),
    auditdOpen(TRAIN, 1002, '/var/cache/pipeline/train/model.ckpt', 4),
    s3Get('publisher/run-17', 'lake', 'features/part-0.parquet', 5),
    s3Get('publisher/run-17', 'lake', 'features/part-1.parquet', 6),
    auditdOpen(INGEST, 1001, '/etc/ld.so.cache', 7),
  ];
}

/** Inventory of the registered files, as copied into the case, with the registered digests. */
export function cleanInventory(): { eventId: number; path: string; sha256: string }[] {
  return [
    { eventId: 9001, path: '/mnt/case/export/data/raw/orders/2024-01.csv', sha256: SHA_A },
    { eventId: 9002, path: '/mnt/case/export/data/raw/orders/2024-02.csv', sha256: SHA_B },
    { eventId: 9003, path: '/mnt/case/export/data/holdout/holdout.parquet', sha256: SHA_C },
  ];
}
