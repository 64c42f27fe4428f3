import type { ParsedEvent } from '../types';
import { parseIso } from '../time';
import { looksLikeIp } from './common';
import { flattenInto, isPlainObject } from './flatten';

/** A CloudTrail record has these three keys (all CloudTrail versions since 1.0). */
export function isCloudTrailRecord(o: Record<string, unknown>): boolean {
  return typeof o.eventName === 'string' && typeof o.eventSource === 'string' && 'eventVersion' in o;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Request parameters that name the object acted on, most specific first. */
const RESOURCE_KEYS = [
  'bucketName', 'instanceId', 'snapshotId', 'volumeId', 'groupId', 'userName', 'roleName', 'groupName',
  'policyArn', 'functionName', 'trailName', 'name', 'secretId', 'keyId', 'logGroupName', 'dBInstanceIdentifier',
  'clusterName', 'modelId', 'documentName', 'roleArn', 'imageId', 'vpcId', 'subnetId', 'topicArn', 'queueUrl',
  'tableName', 'repositoryName', 'stackName',
];

function firstString(v: unknown): string | null {
  if (Array.isArray(v)) return str(v[0]);
  return str(v);
}

/** The resource a call acted on: a well-known request parameter, else the first `resources` ARN. */
function resourceOf(rec: Record<string, unknown>): string | null {
  const rp = rec.requestParameters;
  if (isPlainObject(rp)) {
    const bucket = str(rp.bucketName);
    if (bucket !== null) return str(rp.key) !== null ? `${bucket}/${String(rp.key)}` : bucket;
    for (const k of RESOURCE_KEYS) {
      const v = firstString(rp[k]);
      if (v !== null) return v;
    }
    const ids = rp.instanceIds ?? (isPlainObject(rp.instancesSet) ? rp.instancesSet.items : undefined);
    if (Array.isArray(ids) && ids.length > 0) {
      const first = ids[0];
      const id = isPlainObject(first) ? str(first.instanceId) : str(first);
      if (id !== null) return id;
    }
  }
  if (Array.isArray(rec.resources) && isPlainObject(rec.resources[0])) return str(rec.resources[0].ARN);
  return null;
}

/** The acting principal: ARN (unique across accounts), then user name, principal id, invoking service. */
function userOf(ui: unknown): string | null {
  if (!isPlainObject(ui)) return null;
  return str(ui.arn) ?? str(ui.userName) ?? str(ui.principalId) ?? str(ui.invokedBy) ?? str(ui.type);
}

/** A short name for the message: the user name or the last segment of the ARN. */
function shortUser(ui: unknown, user: string | null): string {
  if (isPlainObject(ui) && str(ui.userName) !== null) return String(ui.userName);
  if (user === null) return 'unknown principal';
  const slash = user.lastIndexOf('/');
  return slash >= 0 && slash < user.length - 1 ? user.slice(slash + 1) : user;
}

/**
 * Normalize one CloudTrail record. `host` is the service endpoint the call went to
 * (`eventSource`, e.g. ec2.amazonaws.com): CloudTrail has no host in the machine sense,
 * and the account and region stay searchable in attrs (`recipientAccountId`, `awsRegion`).
 * Every original field is kept in attrs under its dotted path so rules can use the
 * CloudTrail names.
 */
export function mapCloudTrail(rec: Record<string, unknown>): ParsedEvent {
  const attrs: Record<string, unknown> = {};
  flattenInto(attrs, rec);
  const ui = rec.userIdentity;
  const user = userOf(ui);
  const action = str(rec.eventName);
  const source = str(rec.sourceIPAddress);
  const errorCode = str(rec.errorCode);
  const console = isPlainObject(rec.responseElements) ? rec.responseElements.ConsoleLogin : undefined;
  const failed = errorCode !== null || console === 'Failure';
  const ts = typeof rec.eventTime === 'string' ? parseIso(rec.eventTime) : null;
  let message = `${action ?? 'unknown call'} by ${shortUser(ui, user)}`;
  if (source !== null) message += ` from ${source}`;
  if (errorCode !== null) message += ` (${errorCode})`;
  else if (failed) message += ' (failed)';
  return {
    ts,
    ts_desc: ts === null ? null : 'Event Time',
    host: str(rec.eventSource),
    user,
    action,
    outcome: failed ? 'failure' : 'success',
    src_ip: source !== null && looksLikeIp(source) ? source : null,
    resource: resourceOf(rec),
    severity: null,
    message,
    attrs,
  };
}
