import path from 'node:path';
import { isFatal, messageOf, Refusal, throwIfAborted } from './errors';
import type { EvidenceStore, StagedFile } from './evidence-store';
import { gzipMembers } from './gzip-members';
import { Budget } from './limits';
import { lastComponent, NameRegistry, nameFromText, nameProblem, type MemberName } from './member-names';
import { kindProblem, type Member, type MemberReader } from './members';
import { readHead, sniffContainer } from './sniff';
import { tarMembers } from './tar-members';
import type { ContainerKind, IntakeItem, IntakeLimits } from './types';
import { zipMembers } from './zip-members';

const READERS: Record<ContainerKind, MemberReader> = {
  zip: (file) => zipMembers(file),
  tar: (file) => tarMembers(file),
  gzip: (file, baseName) => gzipMembers(file, baseName),
};

interface ExpandContext {
  store: EvidenceStore;
  budget: Budget;
  limits: IntakeLimits;
  /** Members of this archive tree waiting in staging until the whole tree has passed. */
  staged: StagedFile[];
  signal?: AbortSignal;
  onMember?: (displayPath: string) => void;
}

/** Why a member must not be taken, or null; the first problem found is reported. */
function memberProblem(m: Member, registry: NameRegistry, limits: IntakeLimits): string | null {
  return nameProblem(m.name, limits) ?? kindProblem(m.kind) ?? m.problem ?? registry.add(m.name, m.kind === 'directory');
}

/**
 * Stage every member of the container at `file` (nesting level `level`, 1 = top-level),
 * expanding members that are containers themselves. Any problem anywhere throws a Refusal
 * for the whole tree: a partly accepted archive would be evidence with holes in it.
 */
async function expandContainer(
  file: string,
  kind: ContainerKind,
  where: { displayPath: string; baseName: MemberName; level: number },
  ctx: ExpandContext,
): Promise<IntakeItem[]> {
  const { displayPath, level } = where;
  if (level > ctx.limits.maxDepth) {
    throw new Refusal(`archives nested deeper than ${ctx.limits.maxDepth} levels ("${displayPath}")`);
  }
  const registry = new NameRegistry();
  const children: IntakeItem[] = [];
  let reading: string | null = null;
  try {
    for await (const member of READERS[kind](file, where.baseName)) {
      throwIfAborted(ctx.signal);
      const childPath = `${displayPath}!/${member.name.display}`;
      ctx.budget.addEntry(childPath);
      const problem = memberProblem(member, registry, ctx.limits);
      if (problem !== null) throw new Refusal(`entry "${childPath}": ${problem}`);
      if (member.kind === 'directory') continue;
      ctx.onMember?.(childPath);
      reading = childPath;
      children.push(await stageMember(member, childPath, level, ctx));
      reading = null;
    }
  } catch (err) {
    if (err instanceof Refusal || isFatal(err)) throw err;
    // Parser and decompressor errors mean damaged or deliberately malformed input: refuse, never crash.
    if (reading !== null) throw new Refusal(`entry "${reading}" is unreadable (corrupt or truncated ${kind} data): ${messageOf(err)}`);
    throw new Refusal(`"${displayPath}" is not a readable ${kind} archive (corrupt or truncated): ${messageOf(err)}`);
  }
  return children;
}

async function stageMember(member: Member, displayPath: string, level: number, ctx: ExpandContext): Promise<IntakeItem> {
  let entryBytes = 0;
  const staged = await ctx.store.stage(() => member.open(), {
    signal: ctx.signal,
    onChunk: (n) => {
      ctx.budget.addBytes(n, entryBytes, displayPath);
      entryBytes += n;
    },
  });
  ctx.staged.push(staged);
  // Sniff and parse the staged copy, whose hash is known, never a second read of the source.
  const container = sniffContainer(await readHead(staged.stagedPath));
  const nested = { displayPath, baseName: lastComponent(member.name), level: level + 1 };
  const children = container ? await expandContainer(staged.stagedPath, container, nested, ctx) : [];
  return {
    displayPath,
    sha256: staged.sha256,
    size: staged.size,
    storedPath: ctx.store.pathFor(staged.sha256),
    mtimeMs: member.mtimeMs,
    container,
    children,
    refused: null,
    meta: member.meta,
    foundIn: null,
  };
}

export interface ArchiveOutcome {
  children: IntakeItem[];
  refused: string | null;
}

/**
 * Validate and store a whole top-level archive tree. Members stay in staging until every
 * one of them passed, then are committed together; on refusal all of them are removed,
 * so a hostile archive leaves nothing but its own (already stored) copy behind.
 */
export async function expandArchive(
  store: EvidenceStore,
  file: string,
  kind: ContainerKind,
  displayPath: string,
  opts: { limits: IntakeLimits; compressedSize: number; signal?: AbortSignal; onMember?: (displayPath: string) => void },
): Promise<ArchiveOutcome> {
  const ctx: ExpandContext = {
    store,
    budget: new Budget(opts.limits, opts.compressedSize),
    limits: opts.limits,
    staged: [],
    signal: opts.signal,
    onMember: opts.onMember,
  };
  try {
    const children = await expandContainer(file, kind, { displayPath, baseName: nameFromText(path.basename(displayPath)), level: 1 }, ctx);
    for (const staged of ctx.staged) await store.commit(staged);
    return { children, refused: null };
  } catch (err) {
    for (const staged of ctx.staged) await store.discard(staged.stagedPath);
    if (err instanceof Refusal) return { children: [], refused: err.message };
    throw err;
  }
}
