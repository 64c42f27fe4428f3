import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DATA } from '../../helpers/paths';

/**
 * Reference tools for the EVTX differential test: Debian's python3-evtx (`evtx_dump.py`)
 * and libevtx-utils (`evtxexport -f xml`), and a minimal reader of the XML they print.
 * Both print plain, well-formed event XML; the reader only needs elements, attributes,
 * text and the five XML entities.
 */

export interface RefElement {
  name: string;
  attrs: Record<string, string>;
  children: RefElement[];
  text: string;
}

/** One record as a reference tool shows it. */
export interface RefEvent {
  eventId: string;
  systemTime: string;
  recordId: string;
  /** EventData and UserData values under the keys Sealdesk gives them. */
  data: [string, string][];
}

const ENT: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENT[e] ?? m));

/** The top-level elements of an XML text (declarations and comments are skipped). */
export function parseXml(xml: string): RefElement[] {
  const root: RefElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|([^<]+)/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) top.text += unescape(m[5]);
    else if (m[2] === undefined) continue;
    else if (m[1] === '/') stack.pop();
    else {
      const el: RefElement = { name: m[2], attrs: {}, children: [], text: '' };
      for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) el.attrs[a[1]!] = unescape(a[2]!);
      top.children.push(el);
      if (m[4] !== '/') stack.push(el);
    }
  }
  return root.children;
}

const child = (el: RefElement | undefined, name: string): RefElement | undefined => el?.children.find((c) => c.name === name);

function freeKey(taken: Set<string>, base: string): string {
  let key = base;
  for (let i = 1; taken.has(key); i++) key = `${base}_${i}`;
  taken.add(key);
  return key;
}

function flatten(el: RefElement, p: string, out: [string, string][]): void {
  for (const [k, v] of Object.entries(el.attrs)) if (k !== 'xmlns' && !k.startsWith('xmlns:')) out.push([`${p}.${k}`, v]);
  if (el.children.length === 0) {
    if (Object.keys(el.attrs).length === 0 || el.text !== '') out.push([p, el.text]);
    return;
  }
  for (const c of el.children) flatten(c, `${p}.${c.name}`, out);
}

/** Events of a reference tool's XML output, in file order. */
export function refEvents(xml: string): RefEvent[] {
  const events: RefElement[] = [];
  const collect = (els: RefElement[]): void => {
    for (const e of els) {
      if (e.name === 'Event') events.push(e);
      else collect(e.children);
    }
  };
  collect(parseXml(xml));
  return events.map((ev) => {
    const sys = child(ev, 'System');
    const taken = new Set(['EventID', 'Channel', 'Computer', 'Level', 'Task', 'Opcode', 'Version', 'Keywords', 'EventRecordID', 'TimeCreated']);
    const data: [string, string][] = [];
    for (const d of child(ev, 'EventData')?.children ?? []) {
      const base = d.name === 'Data' && d.attrs.Name !== undefined ? d.attrs.Name : d.name;
      data.push([freeKey(taken, base), d.text]);
    }
    for (const u of child(ev, 'UserData')?.children ?? []) flatten(u, u.name, data);
    return {
      eventId: (child(sys, 'EventID')?.text ?? '').trim(),
      systemTime: child(sys, 'TimeCreated')?.attrs.SystemTime ?? '',
      recordId: (child(sys, 'EventRecordID')?.text ?? '').trim(),
      data,
    };
  });
}

/** Whether a command is installed (looked up on PATH). */
export function hasTool(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d !== '' && existsSync(path.join(d, cmd)));
}

/** The standard output of a reference tool over one file (large buffers: exports are verbose). */
export function runTool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Every .evtx the differential test covers: the attack samples and the Sigma regression data. */
export function sampleEvtxFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.toLowerCase().endsWith('.evtx')) out.push(p);
    }
  };
  walk(path.join(DATA, 'evtx-attack-samples'));
  walk(path.join(DATA, 'sigmahq', 'regression_data'));
  return out;
}
