import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../electron/engine/detect/sigma/index';
import { hit, ruleOf } from './helpers';

/** [detection YAML, event fields, expected] — every modifier has matching and non-matching cases. */
type Case = [string, Record<string, unknown>, boolean];

const table: Record<string, Case[]> = {
  'plain equality is whole-value and case-insensitive': [
    ['sel:\n  Image: C:\\Windows\\cmd.exe\ncondition: sel', { Image: 'c:\\windows\\CMD.EXE' }, true],
    ['sel:\n  Image: C:\\Windows\\cmd.exe\ncondition: sel', { Image: 'C:\\Windows\\cmd.exe.bak' }, false],
    ['sel:\n  Image: C:\\Windows\\cmd.exe\ncondition: sel', { Other: 'C:\\Windows\\cmd.exe' }, false],
  ],
  'numbers and booleans compare as text': [
    ['sel:\n  EventID: 4688\ncondition: sel', { EventID: 4688 }, true],
    ['sel:\n  EventID: 4688\ncondition: sel', { EventID: '4688' }, true],
    ['sel:\n  EventID: 4688\ncondition: sel', { EventID: 46880 }, false],
    ['sel:\n  Signed: true\ncondition: sel', { Signed: 'True' }, true],
    ['sel:\n  Signed: true\ncondition: sel', { Signed: false }, false],
    ["sel:\n  GrantedAccess: 0x1410\ncondition: sel", { GrantedAccess: '0x1410' }, true],
  ],
  'a list is OR; a map is AND': [
    ['sel:\n  EventID: [1, 2]\ncondition: sel', { EventID: 2 }, true],
    ['sel:\n  EventID: [1, 2]\ncondition: sel', { EventID: 3 }, false],
    ['sel:\n  EventID: 1\n  User: bob\ncondition: sel', { EventID: 1, User: 'bob' }, true],
    ['sel:\n  EventID: 1\n  User: bob\ncondition: sel', { EventID: 1, User: 'eve' }, false],
    ['sel:\n  - EventID: 1\n  - User: bob\ncondition: sel', { EventID: 9, User: 'BOB' }, true],
    ['sel:\n  - EventID: 1\n  - User: bob\ncondition: sel', { EventID: 9, User: 'eve' }, false],
  ],
  contains: [
    ['sel:\n  CommandLine|contains: " /transfer "\ncondition: sel', { CommandLine: 'bitsadmin.exe /TRANSFER job' }, true],
    ['sel:\n  CommandLine|contains: " /transfer "\ncondition: sel', { CommandLine: 'bitsadmin.exe /transferx' }, false],
  ],
  startswith: [
    ["sel:\n  Image|startswith: 'C:\\Program Files\\'\ncondition: sel", { Image: 'c:\\program files\\x.exe' }, true],
    ["sel:\n  Image|startswith: 'C:\\Program Files\\'\ncondition: sel", { Image: 'D:\\C:\\Program Files\\x.exe' }, false],
  ],
  endswith: [
    ["sel:\n  Image|endswith: '\\certutil.exe'\ncondition: sel", { Image: 'C:\\Windows\\System32\\CertUtil.exe' }, true],
    ["sel:\n  Image|endswith: '\\certutil.exe'\ncondition: sel", { Image: 'C:\\Windows\\System32\\certutil.exe.mui' }, false],
  ],
  'contains|all needs every value': [
    ["sel:\n  CommandLine|contains|all: ['comsvcs', 'full']\ncondition: sel", { CommandLine: 'rundll32 comsvcs.dll MiniDump 1 x FULL' }, true],
    ["sel:\n  CommandLine|contains|all: ['comsvcs', 'full']\ncondition: sel", { CommandLine: 'rundll32 comsvcs.dll MiniDump 1 x' }, false],
  ],
  'wildcards * and ? with escapes': [
    ['sel:\n  Image: "*\\\\\\\\cmd.exe"\ncondition: sel', { Image: 'C:\\Windows\\cmd.exe' }, true],
    ["sel:\n  Name: 'prog?.exe'\ncondition: sel", { Name: 'progA.exe' }, true],
    ["sel:\n  Name: 'prog?.exe'\ncondition: sel", { Name: 'progAB.exe' }, false],
    ["sel:\n  Name: 'a*z'\ncondition: sel", { Name: 'a-anything-Z' }, true],
    ["sel:\n  Name: 'a*z'\ncondition: sel", { Name: 'a-anything-y' }, false],
    ["sel:\n  Name: 'what\\?'\ncondition: sel", { Name: 'what?' }, true],
    ["sel:\n  Name: 'what\\?'\ncondition: sel", { Name: 'whatX' }, false],
    ["sel:\n  Name: 'star\\*'\ncondition: sel", { Name: 'star*' }, true],
    ["sel:\n  Name: 'star\\*'\ncondition: sel", { Name: 'starry' }, false],
    // `\\` is one backslash, so `\\\\host\\` is the UNC prefix `\\host\`.
    ["sel:\n  Path|startswith: '\\\\\\\\127.0.0.1\\\\'\ncondition: sel", { Path: '\\\\127.0.0.1\\ADMIN$' }, true],
    ["sel:\n  Path|startswith: '\\\\\\\\127.0.0.1\\\\'\ncondition: sel", { Path: '\\127.0.0.1\\ADMIN$' }, false],
    // A backslash before an ordinary character stays a backslash.
    ["sel:\n  Path: 'C:\\Temp\\x'\ncondition: sel", { Path: 'C:\\Temp\\x' }, true],
  ],
  cased: [
    ['sel:\n  Name|cased: Admin\ncondition: sel', { Name: 'Admin' }, true],
    ['sel:\n  Name|cased: Admin\ncondition: sel', { Name: 'admin' }, false],
    ['sel:\n  Name|contains|cased: Adm\ncondition: sel', { Name: 'xAdmx' }, true],
    ['sel:\n  Name|contains|cased: Adm\ncondition: sel', { Name: 'xadmx' }, false],
  ],
  windash: [
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami /all' }, true],
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami -all' }, true],
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami \u2013all' }, true],
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami \u2014all' }, true],
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami \u2015all' }, true],
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami +all' }, false],
    ["sel:\n  CommandLine|contains|windash: ' -all'\ncondition: sel", { CommandLine: 'whoami all' }, false],
  ],
  base64: [
    ["sel:\n  Data|base64: 'http://'\ncondition: sel", { Data: 'aHR0cDovLw==' }, true],
    ["sel:\n  Data|base64|contains: 'http://'\ncondition: sel", { Data: 'xxaHR0cDovLw==yy' }, true],
    ["sel:\n  Data|base64: 'http://'\ncondition: sel", { Data: 'http://' }, false],
  ],
  base64offset: [
    // "http://" at byte offsets 0, 1 and 2 of an encoded text.
    ["sel:\n  Data|base64offset|contains: 'http://'\ncondition: sel", { Data: Buffer.from('http://evil').toString('base64') }, true],
    ["sel:\n  Data|base64offset|contains: 'http://'\ncondition: sel", { Data: Buffer.from('xhttp://evil').toString('base64') }, true],
    ["sel:\n  Data|base64offset|contains: 'http://'\ncondition: sel", { Data: Buffer.from('xyhttp://evil').toString('base64') }, true],
    ["sel:\n  Data|base64offset|contains: 'http://'\ncondition: sel", { Data: Buffer.from('ftp://evil').toString('base64') }, false],
    ["sel:\n  Data|wide|base64offset|contains: 'Invoke-'\ncondition: sel", { Data: Buffer.from('x Invoke-Expression', 'utf16le').toString('base64') }, true],
    ["sel:\n  Data|wide|base64offset|contains: 'Invoke-'\ncondition: sel", { Data: Buffer.from('x Invoke-Expression', 'utf8').toString('base64') }, false],
  ],
  re: [
    ["sel:\n  CommandLine|re: '\\s-[eE]nc\\s'\ncondition: sel", { CommandLine: 'powershell -Enc AAAA' }, true],
    ["sel:\n  CommandLine|re: '\\s-[eE]nc\\s'\ncondition: sel", { CommandLine: 'powershell -ENC AAAA' }, false],
    ["sel:\n  CommandLine|re|i: '\\s-enc\\s'\ncondition: sel", { CommandLine: 'powershell -ENC AAAA' }, true],
    ["sel:\n  CommandLine|re: '(?i)\\s-enc\\s'\ncondition: sel", { CommandLine: 'powershell -ENC AAAA' }, true],
    ["sel:\n  Text|re: '^b$'\ncondition: sel", { Text: 'a\nb\nc' }, false],
    ["sel:\n  Text|re|m: '^b$'\ncondition: sel", { Text: 'a\nb\nc' }, true],
    ["sel:\n  Text|re: 'a.b'\ncondition: sel", { Text: 'a\nb' }, false],
    ["sel:\n  Text|re|s: 'a.b'\ncondition: sel", { Text: 'a\nb' }, true],
  ],
  cidr: [
    ["sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel", { DestinationIp: '10.20.30.40' }, true],
    ["sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel", { DestinationIp: '11.0.0.1' }, false],
    ["sel:\n  DestinationIp|cidr: ['192.168.0.0/16', '172.16.0.0/12']\ncondition: sel", { DestinationIp: '172.31.255.255' }, true],
    ["sel:\n  DestinationIp|cidr: ['192.168.0.0/16', '172.16.0.0/12']\ncondition: sel", { DestinationIp: '172.32.0.1' }, false],
    ["sel:\n  DestinationIp|cidr: 'fe80::/10'\ncondition: sel", { DestinationIp: 'fe80::1%eth0' }, true],
    ["sel:\n  DestinationIp|cidr: 'fe80::/10'\ncondition: sel", { DestinationIp: 'fec0::1' }, false],
    ["sel:\n  DestinationIp|cidr: '2001:db8::/32'\ncondition: sel", { DestinationIp: '2001:0db8:0000:0000:0000:ff00:0042:8329' }, true],
    ["sel:\n  DestinationIp|cidr: '127.0.0.0/8'\ncondition: sel", { DestinationIp: '::ffff:127.0.0.1' }, true],
    ["sel:\n  DestinationIp|cidr: '127.0.0.0/8'\ncondition: sel", { DestinationIp: 'not an ip' }, false],
  ],
  'gt / gte / lt / lte': [
    ['sel:\n  Size|gt: 100\ncondition: sel', { Size: 101 }, true],
    ['sel:\n  Size|gt: 100\ncondition: sel', { Size: '100' }, false],
    ['sel:\n  Size|gte: 100\ncondition: sel', { Size: '100' }, true],
    ['sel:\n  Size|gte: 100\ncondition: sel', { Size: 99.5 }, false],
    ['sel:\n  Size|lt: 10\ncondition: sel', { Size: '9' }, true],
    ['sel:\n  Size|lt: 10\ncondition: sel', { Size: '10' }, false],
    ['sel:\n  Size|lte: 10\ncondition: sel', { Size: 10 }, true],
    ['sel:\n  Size|lte: 10\ncondition: sel', { Size: 'ten' }, false],
    ['sel:\n  Size|lte: 10\ncondition: sel', { Size: '' }, false],
  ],
  exists: [
    ['sel:\n  Parent|exists: true\ncondition: sel', { Parent: '' }, true],
    ['sel:\n  Parent|exists: true\ncondition: sel', { Other: 'x' }, false],
    ['sel:\n  Parent|exists: false\ncondition: sel', { Other: 'x' }, true],
    ['sel:\n  Parent|exists: false\ncondition: sel', { Parent: null }, false],
  ],
  fieldref: [
    ['sel:\n  SubjectUserName|fieldref: TargetUserName\ncondition: sel', { SubjectUserName: 'Bob', TargetUserName: 'bob' }, true],
    ['sel:\n  SubjectUserName|fieldref: TargetUserName\ncondition: sel', { SubjectUserName: 'bob', TargetUserName: 'alice' }, false],
    ['sel:\n  SubjectUserName|fieldref: TargetUserName\ncondition: sel', { SubjectUserName: 'bob' }, false],
    ['sel:\n  arn|fieldref|endswith: user\ncondition: sel', { arn: 'arn:aws:iam::1:user/bob', user: 'Bob' }, true],
    ['sel:\n  arn|fieldref|endswith: user\ncondition: sel', { arn: 'arn:aws:iam::1:user/bob', user: 'alice' }, false],
  ],
  'null and empty values': [
    ['sel:\n  errorCode: null\ncondition: sel', {}, true],
    ['sel:\n  errorCode: null\ncondition: sel', { errorCode: null }, true],
    ['sel:\n  errorCode: null\ncondition: sel', { errorCode: 'AccessDenied' }, false],
    ['sel:\n  errorCode: null\ncondition: sel', { errorCode: '' }, false],
    ["sel:\n  Description: ''\ncondition: sel", { Description: '' }, true],
    ["sel:\n  Description: ''\ncondition: sel", {}, false],
    ["sel:\n  Description: ''\ncondition: sel", { Description: 'x' }, false],
  ],
  neq: [
    ['sel:\n  User|neq: SYSTEM\ncondition: sel', { User: 'bob' }, true],
    ['sel:\n  User|neq: SYSTEM\ncondition: sel', { User: 'system' }, false],
  ],
  'array values match when any element does': [
    ["sel:\n  requestParameters.layers|contains: '*'\ncondition: sel", { 'requestParameters.layers': ['arn:x'] }, true],
    ["sel:\n  requestParameters.layers|contains: '*'\ncondition: sel", { requestParameters: { functionName: 'f' } }, false],
    ["sel:\n  tags: b\ncondition: sel", { tags: ['a', 'B'] }, true],
    ["sel:\n  tags: c\ncondition: sel", { tags: ['a', 'B'] }, false],
  ],
};

describe('Sigma value modifiers', () => {
  for (const [name, cases] of Object.entries(table)) {
    it(name, () => {
      for (const [det, fields, want] of cases) {
        expect([det, fields, hit(ruleOf(det), fields)]).toEqual([det, fields, want]);
      }
    });
  }

  it('a rule that matches everything fails these tables (sanity check of the harness)', () => {
    const always = ruleOf("sel:\n  Anything|exists: false\ncondition: sel");
    const failures = Object.values(table)
      .flat()
      .filter(([, fields, want]) => hit(always, fields) !== want);
    expect(failures.length).toBeGreaterThan(20);
  });

  it.each([
    ['unknown modifier', "sel:\n  Image|sharpens: x\ncondition: sel", /unknown modifier 'sharpens'/],
    ['expand', "sel:\n  User|expand: '%Admins%'\ncondition: sel", /expand modifier/],
    ['bad regex', "sel:\n  Image|re: '(['\ncondition: sel", /invalid regular expression/],
    ['bad cidr', "sel:\n  Ip|cidr: 10.0.0.0/99\ncondition: sel", /CIDR/],
    ['gt without number', "sel:\n  Size|gt: big\ncondition: sel", /needs a number/],
    ['base64 with wildcards', "sel:\n  Data|base64: 'a*b'\ncondition: sel", /wildcards/],
    ['exists without boolean', "sel:\n  Data|exists: maybe\ncondition: sel", /true or false/],
    ['two type modifiers', "sel:\n  Data|re|cidr: x\ncondition: sel", /cannot be combined/],
  ])('refuses %s with a reason', (_name, det, reason) => {
    expect(() => ruleOf(det)).toThrow(reason);
  });

  it('keeps rule metadata as written', () => {
    const r = compileRule(
      'title: T\nid: abc\nstatus: test\nauthor: Jane Doe, John Roe\nlevel: High\ndescription: d\ntags: [attack.t1003]\nreferences: [https://x]\nfalsepositives: [admins]\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image: x\n  condition: sel\n',
      'meta.yml',
    );
    expect(r).toMatchObject({ id: 'abc', title: 'T', status: 'test', author: 'Jane Doe, John Roe', level: 'high', tags: ['attack.t1003'], references: ['https://x'], falsepositives: ['admins'], path: 'meta.yml', logsourceMapped: true });
    expect(r.logsource).toMatchObject({ product: 'windows', category: 'process_creation', service: null });
  });
});
