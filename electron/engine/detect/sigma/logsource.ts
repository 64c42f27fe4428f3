import { contextFor, fieldSlot, type EvalContext, type Pred } from './context';
import type { CompiledRule, Logsource, SigmaEvent } from './types';

/**
 * Which events a rule's `logsource` selects. Windows categories map to Sysmon (or Security)
 * event ids, Windows services to event log channels (names as in pySigma's Windows
 * pipeline), `aws/cloudtrail` to CloudTrail records and `linux/auditd` to audit events.
 * An unmapped logsource leaves the choice to the detection, restricted to events of the
 * rule's product family when that family is recognizable.
 */

interface WinSource {
  channels: string[];
  providers?: string[];
  eventIds?: number[];
}

const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const sysmon = (...eventIds: number[]): WinSource => ({ channels: [SYSMON_CHANNEL], providers: ['Microsoft-Windows-Sysmon'], eventIds });
const POWERSHELL = ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'];
const ps = (...eventIds: number[]): WinSource => ({ channels: POWERSHELL, providers: ['Microsoft-Windows-PowerShell', 'PowerShellCore'], eventIds });
const psClassic = (...eventIds: number[]): WinSource => ({ channels: ['Windows PowerShell'], providers: ['PowerShell'], eventIds });

/** Windows `category` → the sources and event ids that carry it. */
export const WINDOWS_CATEGORIES: Record<string, WinSource[]> = {
  process_creation: [sysmon(1), { channels: ['Security'], providers: ['Microsoft-Windows-Security-Auditing'], eventIds: [4688] }],
  file_change: [sysmon(2)],
  network_connection: [sysmon(3)],
  sysmon_status: [sysmon(4, 16)],
  process_termination: [sysmon(5)],
  driver_load: [sysmon(6)],
  image_load: [sysmon(7)],
  create_remote_thread: [sysmon(8)],
  raw_access_thread: [sysmon(9)],
  process_access: [sysmon(10)],
  file_event: [sysmon(11)],
  registry_add: [sysmon(12)],
  registry_delete: [sysmon(12)],
  registry_set: [sysmon(13)],
  registry_rename: [sysmon(14)],
  registry_event: [sysmon(12, 13, 14)],
  create_stream_hash: [sysmon(15)],
  pipe_created: [sysmon(17, 18)],
  wmi_event: [sysmon(19, 20, 21)],
  dns_query: [sysmon(22)],
  file_delete: [sysmon(23, 26)],
  clipboard_change: [sysmon(24)],
  process_tampering: [sysmon(25)],
  file_delete_detected: [sysmon(26)],
  file_block_executable: [sysmon(27)],
  file_block_shredding: [sysmon(28)],
  file_executable_detected: [sysmon(29)],
  sysmon_error: [sysmon(255)],
  ps_module: [ps(4103)],
  ps_script: [ps(4104)],
  ps_classic_start: [psClassic(400)],
  ps_classic_provider_start: [psClassic(600)],
  ps_classic_script: [psClassic(800)],
};

/** Windows `service` → event log channel names. */
export const WINDOWS_SERVICES: Record<string, string[]> = {
  security: ['Security'],
  system: ['System'],
  application: ['Application'],
  sysmon: [SYSMON_CHANNEL],
  powershell: POWERSHELL,
  'powershell-classic': ['Windows PowerShell'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  'dns-server': ['DNS Server'],
  'dns-server-audit': ['Microsoft-Windows-DNS-Server/Audit'],
  'dns-server-analytic': ['Microsoft-Windows-DNS-Server/Analytical'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'msexchange-management': ['MSExchange Management'],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'terminalservices-localsessionmanager': ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'],
  'microsoft-servicebus-client': ['Microsoft-ServiceBus-Client'],
  ldap_debug: ['Microsoft-Windows-LDAP-Client/Debug'],
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  openssh: ['OpenSSH/Operational'],
  bitlocker: ['Microsoft-Windows-BitLocker/BitLocker Management'],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': ['Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational'],
};

/** Linux categories from Sysmon for Linux. */
const LINUX_SYSMON = 'Linux-Sysmon/Operational';
const LINUX_CATEGORIES: Record<string, number[]> = { process_creation: [1], network_connection: [3], process_termination: [5], file_event: [11], file_create: [11], file_delete: [23] };

const CHANNEL = fieldSlot('Channel');
const PROVIDER = fieldSlot('Provider_Name');
const EVENT_ID = fieldSlot('EventID');
const EVENT_SOURCE = fieldSlot('eventSource');
const EVENT_NAME = fieldSlot('eventName');
const AUDIT_RECORDS = fieldSlot('records');
const AUDIT_TYPE = fieldSlot('type');
const AUDIT_MSG = fieldSlot('msg');
const AUDIT_AUID = fieldSlot('auid');

const first = (c: EvalContext, slot: number): string | null => {
  const fv = c.field(slot);
  return fv.strs.length > 0 ? fv.lower()[0]! : null;
};

const isWindows = (c: EvalContext): boolean =>
  c.ev.format === 'evtx' || (c.field(EVENT_ID).present && (c.field(CHANNEL).present || c.field(PROVIDER).present));
const isCloudTrail = (c: EvalContext): boolean =>
  c.ev.format === 'cloudtrail' || (c.field(EVENT_SOURCE).present && c.field(EVENT_NAME).present);
const isAuditd = (c: EvalContext): boolean =>
  c.ev.format === 'auditd' ||
  c.field(AUDIT_RECORDS).present ||
  (c.field(AUDIT_TYPE).present && (c.field(AUDIT_MSG).present || c.field(AUDIT_AUID).present));

function winSourcePred(src: WinSource): Pred {
  const channels = new Set(src.channels.map((x) => x.toLowerCase()));
  const providers = new Set((src.providers ?? []).map((x) => x.toLowerCase()));
  const ids = src.eventIds === undefined ? null : new Set(src.eventIds.map(String));
  return (c) => {
    if (ids !== null) {
      const id = first(c, EVENT_ID);
      if (id === null || !ids.has(id)) return false;
    }
    const ch = first(c, CHANNEL);
    if (ch !== null) return channels.has(ch);
    const pr = first(c, PROVIDER);
    return pr !== null && providers.has(pr);
  };
}

const anyPred = (preds: Pred[]): Pred => (c) => preds.some((p) => p(c));

export interface CompiledLogsource {
  pred: Pred;
  mapped: boolean;
  /** Rules with equal keys share one logsource check per event. */
  key: string;
}

function windowsPred(ls: Logsource): { pred: Pred; mapped: boolean } {
  const parts: Pred[] = [];
  let mapped = true;
  if (ls.category !== null) {
    const srcs = WINDOWS_CATEGORIES[ls.category];
    if (srcs === undefined) mapped = false;
    else parts.push(anyPred(srcs.map(winSourcePred)));
  }
  if (ls.service !== null) {
    const channels = WINDOWS_SERVICES[ls.service];
    if (channels === undefined) mapped = false;
    else parts.push(winSourcePred({ channels }));
  }
  if (parts.length === 0) return { pred: isWindows, mapped };
  return { pred: (c) => parts.every((p) => p(c)), mapped };
}

export function compileLogsource(ls: Logsource): CompiledLogsource {
  const key = `${ls.product ?? ''}|${ls.category ?? ''}|${ls.service ?? ''}`;
  const product = ls.product;
  if (product === 'windows') return { key, ...windowsPred(ls) };
  if (product === 'aws' && (ls.service === null || ls.service === 'cloudtrail') && ls.category === null) return { key, pred: isCloudTrail, mapped: true };
  if (product === 'linux' && ls.service === 'auditd') return { key, pred: isAuditd, mapped: true };
  if (product === 'linux' && ls.category !== null && ls.service === null && LINUX_CATEGORIES[ls.category] !== undefined) {
    return { key, pred: winSourcePred({ channels: [LINUX_SYSMON], providers: ['Linux-Sysmon'], eventIds: LINUX_CATEGORIES[ls.category] }), mapped: true };
  }
  // Unmapped: the detection decides, among events not recognizably of another product.
  const foreign: Pred = (c) => isWindows(c) || isCloudTrail(c);
  return { key, pred: (c) => !foreign(c), mapped: false };
}

const cache = new WeakMap<object, CompiledLogsource>();

/** Whether the event belongs to the rule's logsource (per the mapping table above). */
export function logsourceMatches(rule: Pick<CompiledRule, 'logsource'>, ev: SigmaEvent): boolean {
  let cl = cache.get(rule);
  if (cl === undefined) {
    cl = compileLogsource(rule.logsource);
    cache.set(rule, cl);
  }
  return cl.pred(contextFor(ev));
}
