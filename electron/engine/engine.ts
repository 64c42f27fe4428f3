import { EventEmitter } from 'node:events';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AppEvent } from '../../shared/events';
import type { CaseInfo } from '../../shared/model';
import { createCase, openCase, type CaseHandle } from './case/case-folder';
import { importsRepo } from './db/repos/imports';
import { registerSearchFunctions } from './search/sql-functions';
import { JobHost, type WorkerEntry } from './jobs/job-host';
import { defaultHome } from './home';
import { defaultResourcesDir } from './resources';
import { actorFor } from './actor';
import { SemanticRuntime } from './search/semantic/runtime';

export interface EngineOptions {
  /** Folder for identity, trust store, recent cases and the sample case (SEALDESK_HOME). */
  home?: string;
  /** Read-only resources (bundled rule packs); the packaged desktop app passes its own. */
  resources?: string;
  /** How job workers start; the default finds the bundled or source worker. */
  workerEntry?: () => WorkerEntry;
  /** Build or update the semantic index after each finished import (the app does; tests opt in). */
  autoIndex?: boolean;
}

/**
 * The audit engine for one session: at most one open case, the jobs running on it, and the
 * events it pushes to whichever transport is listening. Plain Node: never imports electron.
 */
export class Engine {
  readonly home: string;
  readonly resources: string;
  readonly jobs: JobHost;
  private readonly emitter = new EventEmitter();
  private current: CaseHandle | null = null;
  /** Imports this process is running right now (by import id). */
  readonly activeImports = new Set<number>();
  /** Installed embedding models and the embedder for semantic queries. */
  readonly semantic: SemanticRuntime;
  readonly autoIndex: boolean;

  constructor(opts: EngineOptions = {}) {
    this.home = path.resolve(opts.home ?? defaultHome());
    this.resources = path.resolve(opts.resources ?? defaultResourcesDir());
    this.emitter.setMaxListeners(100);
    this.jobs = new JobHost((e) => this.emit(e), opts.workerEntry);
    this.semantic = new SemanticRuntime(this.resources, this.home);
    this.autoIndex = opts.autoIndex ?? false;
  }

  emit(e: AppEvent): void {
    this.emitter.emit('event', e);
  }

  on(listener: (e: AppEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  get case(): CaseHandle {
    if (!this.current) throw new AppError('no_case', 'No case is open. Open or create a case first.');
    return this.current;
  }

  get caseOrNull(): CaseHandle | null {
    return this.current;
  }

  private adopt(c: CaseHandle): CaseHandle {
    if (this.current) this.current.db.close();
    registerSearchFunctions(c.db);
    // An import that was running when its process died is marked so it can be resumed or rolled back.
    importsRepo(c.db).markInterrupted((id) => this.activeImports.has(id), this.actor());
    this.current = c;
    this.emit({ type: 'case.changed', path: c.dir });
    return c;
  }

  openCase(dir: string): CaseHandle {
    if (this.current && path.resolve(dir) === this.current.dir) return this.current;
    this.assertIdle();
    return this.adopt(openCase(dir));
  }

  createCase(dir: string, name?: string, opts: { sample?: boolean } = {}): CaseHandle {
    this.assertIdle();
    return this.adopt(createCase(dir, name, { ...opts, actor: this.actor() }));
  }

  /** Who the custody ledger names for actions taken in this session. */
  actor(): string {
    return actorFor(this.home);
  }

  private assertIdle(): void {
    if (this.jobs.running().length > 0) {
      throw new AppError('conflict', 'A job is still running on the open case. Wait for it or cancel it before switching cases.');
    }
  }

  info(c: CaseHandle = this.case): CaseInfo {
    const counts = c.db
      .prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM evidence) AS evidence')
      .get() as { events: number; evidence: number };
    return {
      id: c.meta.id,
      name: c.meta.name,
      path: c.dir,
      created: c.meta.created,
      schemaVersion: c.meta.schemaVersion,
      appVersion: c.meta.appVersion,
      events: counts.events,
      evidenceFiles: counts.evidence,
      sample: c.meta.sample ?? false,
    };
  }

  async close(): Promise<void> {
    await this.jobs.shutdown();
    await this.semantic.close();
    this.current?.db.close();
    this.current = null;
  }
}

export function createEngine(opts: EngineOptions = {}): Engine {
  return new Engine(opts);
}
