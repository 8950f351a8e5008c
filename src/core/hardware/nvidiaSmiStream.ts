// One long-lived `nvidia-smi -lms N` child whose CSV lines keep the latest figures of every GPU.
// Spawning nvidia-smi per sample costs tens of milliseconds and si.graphics() even blocks the event
// loop, so the sampler reads these figures instead. A missing tool, a dying child or garbage
// output leaves the GPU fields absent, logs one line, and never throws.
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { GpuSample } from '../../shared/dto';
import type { HardwareLog } from './hardwareLog';
import {
  isUnknownFieldMessage,
  LineSplitter,
  nvidiaSmiArgs,
  parseNvidiaSmiLine,
} from './nvidiaSmiParser';

export interface NvidiaSmiStreamOptions {
  /** The executable; default `nvidia-smi` looked up on PATH. */
  command?: string;
  intervalMs: number;
  log: HardwareLog;
  /** First restart delay after the child dies; doubles per failure up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before dying counts as a fresh trouble (logged, backoff reset). */
  stableMs?: number;
  /** The child's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Told about each child the stream starts and ends, so a parent can kill it if all else fails. */
  onChild?: (event: 'spawn' | 'exit', pid: number) => void;
}

interface Reading {
  sample: GpuSample;
  at: number;
}

export class NvidiaSmiStream {
  private child: ChildProcess | undefined;
  private childExited: Promise<void> = Promise.resolve();
  private readonly readings = new Map<number, Reading>();
  private restartTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  /**
   * A trouble (missing tool, dying child) is logged once, and its recovery once, however often a
   * flapping child dies; only a death after stableMs of good running is news again.
   */
  private troubled = false;
  private recoveryLogged = false;
  private garbageLogged = false;
  /** Whether the query still asks for the evidence columns (an old driver refuses them). */
  private evidence = true;
  private refusedField = false;
  private readonly command: string;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: NvidiaSmiStreamOptions) {
    this.command = options.command ?? 'nvidia-smi';
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  start(): void {
    if (this.stopped || this.child) return;
    // Spawned with piped stdout and stderr, so both streams exist.
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(this.command, nvidiaSmiArgs(this.options.intervalMs, this.evidence), {
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        env: this.options.env ?? process.env,
      });
    } catch (err) {
      this.onFailure(`could not start ${this.command}: ${(err as Error).message}`, true);
      return;
    }
    this.child = child;
    const startedAt = Date.now();
    const pid = child.pid;
    if (pid !== undefined) this.options.onChild?.('spawn', pid);
    const out = new LineSplitter();
    let stderrTail = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      for (const line of out.push(chunk)) this.onLine(line);
    });
    child.stderr.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-500);
    });
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err;
    });
    this.childExited = new Promise<void>((resolve) => {
      // 'close' comes after 'exit' and after the pipes drained, or alone when spawn failed.
      child.on('close', (code, signal) => {
        if (pid !== undefined) this.options.onChild?.('exit', pid);
        if (this.child === child) this.child = undefined;
        resolve();
        if (this.stopped) return;
        this.readings.clear();
        if (this.evidence && (this.refusedField || isUnknownFieldMessage(stderrTail))) {
          // A driver that predates the energy counter or the throttle reasons: ask for less.
          this.evidence = false;
          this.options.log(
            'info',
            `${this.command} does not know the energy, throttle or clock columns: GPU energy is integrated from power.draw, throttling is not available`,
          );
          this.start();
          return;
        }
        if (Date.now() - startedAt >= (this.options.stableMs ?? 60_000)) {
          this.failures = 0;
          this.troubled = false;
          this.recoveryLogged = false;
        }
        if (spawnError?.code === 'ENOENT') {
          // No NVIDIA tool on this machine: nothing to retry, the GPU figures stay absent.
          this.onFailure(`${this.command} not found: NVIDIA GPU figures not available`, true);
        } else if (spawnError) {
          this.onFailure(`${this.command} failed to start: ${spawnError.message}`, false);
        } else {
          const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          const said = stderrTail.trim().split('\n').pop()?.trim();
          this.onFailure(`${this.command} ${why}${said ? ` (${said})` : ''}`, false);
        }
      });
    });
  }

  /** The latest figures of every GPU read within maxAgeMs, by index; undefined when none is. */
  latest(now: number, maxAgeMs: number): GpuSample[] | undefined {
    const fresh = [...this.readings.values()]
      .filter((r) => now - r.at <= maxAgeMs)
      .map((r) => r.sample)
      .sort((a, b) => a.index - b.index);
    return fresh.length ? fresh : undefined;
  }

  /** Ends the child (SIGTERM, then SIGKILL after graceMs) and cancels any restart. Idempotent. */
  async stop(graceMs = 1000): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.childExited;
      clearTimeout(killer);
    }
    await this.childExited;
    this.readings.clear();
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    if (isUnknownFieldMessage(line)) {
      this.refusedField = true;
      return;
    }
    const sample = parseNvidiaSmiLine(line);
    if (!sample) {
      if (!this.garbageLogged) {
        this.garbageLogged = true;
        this.options.log(
          'warn',
          `${this.command} printed an unexpected line: ${line.slice(0, 200)}`,
        );
      }
      return;
    }
    this.readings.set(sample.index, { sample, at: Date.now() });
    if (this.troubled && !this.recoveryLogged) {
      this.recoveryLogged = true;
      this.options.log('info', `${this.command} is reporting GPU figures again`);
    }
  }

  private onFailure(message: string, final: boolean): void {
    if (!this.troubled) {
      this.troubled = true;
      this.options.log(
        'warn',
        final ? message : `${message}; GPU figures absent until it restarts`,
      );
    }
    if (final || this.stopped) return;
    const delay = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** this.failures);
    this.failures++;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start();
    }, delay);
    // A pending restart must not keep a process (or worker) alive on its own.
    this.restartTimer.unref();
  }
}
