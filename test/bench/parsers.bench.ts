/**
 * Parser throughput on generated input: prints lines (or records) per second for the line
 * reader alone, for each parser fed from memory, and for reader + parser from a file.
 * Run: node --import tsx test/bench/parsers.bench.ts [lines]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLines } from '../../electron/engine/ingest/lines';
import { getParser } from '../../electron/engine/ingest/parsers/index';
import { testParseContext } from '../../electron/engine/ingest/run-parser';
import type { Line, ParseSink } from '../../electron/engine/ingest/types';
import type { FormatId } from '../../shared/model';

const N = Number(process.argv[2] ?? 500_000);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** One synthetic line per format, varied by i so caches and branches see realistic spread. */
const GEN: Partial<Record<FormatId, (i: number) => string>> = {
  syslog3164: (i) =>
    `${MONTHS[(i >> 16) % 12]} ${p2(1 + (i % 28))} ${p2(i % 24)}:${p2(i % 60)}:${p2((i * 7) % 60)} host${i % 7} sshd[${1000 + (i % 5000)}]: ` +
    (i % 3 === 0 ? `Failed password for invalid user u${i % 50} from 10.0.${i % 256}.${(i * 3) % 256} port ${20000 + (i % 40000)} ssh2` : `Received disconnect from 10.1.2.${i % 256}: 11: Bye Bye [preauth]`),
  syslog5424: (i) =>
    `<165>1 2024-03-01T10:${p2(i % 60)}:${p2((i * 7) % 60)}.${String(i % 1000).padStart(3, '0')}Z host${i % 7} app${i % 3} ${i} ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="${i % 2000}"] message number ${i}`,
  text: (i) =>
    i % 2 === 0
      ? `2015-10-18 18:${p2(i % 60)}:${p2((i * 7) % 60)},${String(i % 1000).padStart(3, '0')} INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_${i}`
      : `081109 ${p2(i % 24)}${p2(i % 60)}${p2((i * 7) % 60)} 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_${i} terminating`,
  access: (i) =>
    `83.149.${i % 256}.${(i * 7) % 256} - - [17/May/2015:10:${p2(i % 60)}:${p2((i * 3) % 60)} +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-${i % 97}.png HTTP/1.1" ${i % 11 === 0 ? 404 : 200} ${1000 + i} "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36"`,
  jsonl: (i) =>
    JSON.stringify({ '@timestamp': `2024-03-01T10:${p2(i % 60)}:${p2((i * 7) % 60)}.123Z`, event: { action: 'login', outcome: i % 5 ? 'success' : 'failure' }, host: { name: `h${i % 9}` }, user: { name: `u${i % 40}` }, source: { ip: `10.0.0.${i % 256}` }, message: `user logged in ${i}` }),
  csv: (i) => `2024-03-01T10:${p2(i % 60)}:${p2((i * 7) % 60)}Z,host${i % 9},user${i % 40},login,${i % 5 ? 'success' : 'failure'},10.0.0.${i % 256},"User logged in, attempt ${i}"`,
  auditd: (i) => {
    const serial = 1000 + (i >> 1);
    return i % 2 === 0
      ? `type=SYSCALL msg=audit(1492037291.${String(serial % 1000).padStart(3, '0')}:${serial}): arch=c000003e syscall=59 success=yes exit=0 a0=1522170 a1=1506120 a2=14faeb0 a3=7ffcc4582df0 items=2 ppid=12041 pid=${i} auid=1000 uid=1000 gid=1001 euid=1000 suid=1000 fsuid=1000 egid=1001 sgid=1001 fsgid=1001 tty=pts1 ses=802 comm="grep" exe="/usr/bin/grep" key="user_commands"`
      : `type=PROCTITLE msg=audit(1492037291.${String(serial % 1000).padStart(3, '0')}:${serial}): proctitle=67726570002D2D636F6C6F723D6175746F006D617070696E67`;
  },
};
const HEADER: Partial<Record<FormatId, string>> = { csv: 'timestamp,host,user,action,outcome,src_ip,message' };

const dir = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-bench-'));
const rate = (n: number, ms: number): string => `${Math.round(n / (ms / 1000)).toLocaleString('en-US').padStart(11)}/s`;

async function readAll(file: string): Promise<Line[]> {
  const all: Line[] = [];
  await readLines(file, { onBatch: (b) => { for (const l of b) all.push(l); } });
  return all;
}

try {
  console.log(`Generated input, ${N.toLocaleString('en-US')} lines per format (one core, includes event object creation).`);
  console.log(`${'format'.padEnd(11)} ${'parse only'.padStart(13)} ${'read+parse'.padStart(13)} ${'reader only'.padStart(13)}  events  skips`);
  for (const [id, gen] of Object.entries(GEN) as [FormatId, (i: number) => string][]) {
    const file = path.join(dir, `${id}.log`);
    const rows: string[] = HEADER[id] ? [HEADER[id]!] : [];
    for (let i = 0; i < N; i++) rows.push(gen(i));
    writeFileSync(file, `${rows.join('\n')}\n`);
    const parser = getParser(id);
    if (parser.kind !== 'lines') continue;
    let events = 0;
    let skips = 0;
    const sink: ParseSink = { event: () => { events++; }, skip: () => { skips++; } };
    const lines = await readAll(file);
    // Warm up the JIT on a slice so the figures are steady-state, not compile time.
    const warm = parser.create(testParseContext());
    for (const l of lines.slice(0, 50_000)) warm.line(l, sink);
    let t = performance.now();
    await readLines(file, { onBatch: () => {} });
    const readerMs = performance.now() - t;
    t = performance.now();
    const st = parser.create(testParseContext());
    for (const l of lines) st.line(l, sink);
    st.end(sink);
    const parseMs = performance.now() - t;
    events = 0;
    skips = 0;
    t = performance.now();
    const st2 = parser.create(testParseContext());
    await readLines(file, { onBatch: (b) => { for (const l of b) st2.line(l, sink); } });
    st2.end(sink);
    const bothMs = performance.now() - t;
    console.log(`${id.padEnd(11)} ${rate(lines.length, parseMs)} ${rate(lines.length, bothMs)} ${rate(lines.length, readerMs)}  ${String(events).padStart(6)} ${String(skips).padStart(6)}`);
  }
  // CloudTrail: records per second through the streaming splitter.
  const recs = Math.max(1, Math.floor(N / 10));
  const file = path.join(dir, 'cloudtrail.json');
  const one = (i: number): string => JSON.stringify({ eventVersion: '1.09', eventTime: `2024-08-02T09:08:${p2(i % 60)}Z`, eventSource: 'ssm.amazonaws.com', eventName: 'DescribeInstanceInformation', awsRegion: 'us-east-1', sourceIPAddress: `10.0.0.${i % 256}`, userAgent: 'aws-cli/2', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/alice', userName: 'alice' }, requestParameters: { instanceId: `i-${i}` }, responseElements: null, eventID: `id-${i}` });
  const parts: string[] = [];
  for (let i = 0; i < recs; i++) parts.push(one(i));
  writeFileSync(file, `{"Records":[${parts.join(',')}]}`);
  let events = 0;
  const t = performance.now();
  await (getParser('cloudtrail') as Extract<ReturnType<typeof getParser>, { kind: 'stream' }>).parse(file, testParseContext(), { event: () => { events++; }, skip: () => {} }, new AbortController().signal);
  console.log(`${'cloudtrail'.padEnd(11)} ${'-'.padStart(13)} ${rate(recs, performance.now() - t)} ${'-'.padStart(13)}  ${String(events).padStart(6)} records`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
