import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, getParser, PARSERS } from '../../../electron/engine/ingest/parsers/index';
import { FORMAT_IDS } from '../../../shared/model';
import { data } from '../../helpers/paths';
import { sampleOf, sampleText } from './helpers';

const files = (dir: string, re: RegExp): string[] => readdirSync(dir).filter((f) => re.test(f)).map((f) => `${dir}/${f}`);

const REAL: [string, string][] = [
  [data('loghub', 'Linux', 'Linux_2k.log'), 'syslog3164'],
  [data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), 'syslog3164'],
  ...['HDFS', 'BGL', 'Spark', 'Zookeeper', 'Windows', 'Hadoop'].map((s): [string, string] => [data('loghub', s, `${s}_2k.log`), 'text']),
  [data('loghub', 'Spark', 'Spark_2k.log_structured.csv'), 'csv'],
  [data('loghub', 'Windows', 'Windows_2k.log_templates.csv'), 'csv'],
  [data('elastic-examples', 'apache_logs', 'apache_logs'), 'access'],
  [data('elastic-beats', 'filebeat', 'module', 'nginx', 'access', 'test', 'access.log'), 'access'],
  [data('elastic-beats', 'filebeat', 'module', 'nginx', 'access', 'test', 'test.log'), 'access'],
  [data('evtx-attack-samples', 'web_attack_and_isp_webshell_localhost_access_log.txt'), 'access'],
  [data('evtx-attack-samples', 'Tunna_rdp_tunnel_IIS.log'), 'text'],
  [data('elastic-beats', 'filebeat', 'module', 'auditd', 'log', 'test', 'test.log'), 'auditd'],
  ...files(data('go-libaudit', 'auparse', 'testdata'), /\.log$/).map((f): [string, string] => [f, 'auditd']),
  ...files(data('go-libaudit', 'testdata'), /\.log$/).map((f): [string, string] => [f, 'auditd']),
  ...files(data('stratus-red-team', 'detonation-logs'), /\.json$/).map((f): [string, string] => [f, 'cloudtrail']),
];

describe('format detection on real files', () => {
  it.each(REAL)('%s -> %s', async (file, want) => {
    const got = detectFormat(await sampleOf(file));
    expect(got.id).toBe(want);
    if (want !== 'text') expect(got.confidence).toBeGreaterThanOrEqual(0.5);
  });
});

describe('format detection on small samples', () => {
  it.each([
    ['<165>1 2003-10-11T22:14:15.003Z host app - ID47 - msg\n<34>1 2003-10-11T22:14:16Z host su - - - x\n', 'syslog5424'],
    ['{"@timestamp":"2024-01-01T00:00:00Z","message":"a"}\n{"@timestamp":"2024-01-01T00:00:01Z","message":"b"}\n', 'jsonl'],
    ['{"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"GetObject"}\n', 'jsonl'],
    ['{"Records":[{"eventVersion":"1.08","eventSource":"s3.amazonaws.com"', 'cloudtrail'],
    ['[\n  {\n    "eventVersion": "1.08",\n    "eventSource": "iam.amazonaws.com",\n', 'cloudtrail'],
    ['{\n  "a": 1\n}\n{\n  "a": 2\n}\n', 'cloudtrail'],
    ['datetime,timestamp_desc,message\n2024-01-01T00:00:00Z,Event,hello\n2024-01-01T00:00:01Z,Event,"a, b"\n', 'csv'],
    ['2024-01-01 00:00:00, Info  x\n2024-01-01 00:00:01, Info  y\n', 'text'],
    ['just some words\nand more words\n', 'text'],
    ['', 'text'],
  ])('%j -> %s', (text, want) => {
    expect(detectFormat(sampleText(text)).id).toBe(want);
  });

  it('answers text with very low confidence for binary data', () => {
    const got = detectFormat({ name: 'x.bin', head: Buffer.from([0, 1, 2, 0, 255, 0]), lines: ['\0\x01\x02'] });
    expect(got).toEqual({ id: 'text', confidence: 0.01 });
  });

  it('has a parser for every format id, and getParser refuses unknown ids', () => {
    expect(PARSERS.map((p) => p.id).sort()).toEqual([...FORMAT_IDS].sort());
    for (const id of FORMAT_IDS) expect(getParser(id).id).toBe(id);
    expect(() => getParser('nope' as never)).toThrow(/no parser/);
  });
});
