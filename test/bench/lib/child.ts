import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** Compiled bench entries live next to the compiled main (out/test/bench/). */
export function benchScript(name: string): string {
  return path.join(__dirname, `${name}.js`);
}

export interface RunOptions {
  timeoutMs: number;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one measurement in a fresh Node process and resolves with the one message it sends.
 * A fresh process keeps memory figures clean and JIT state from leaking between modes.
 */
export function runWorker<T>(script: string, input: unknown, opts: RunOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], {
      execArgv: opts.execArgv ?? [],
      env: opts.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} took longer than ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    child.on('message', (m) => {
      result = m as typeof result;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result?.ok) {
        resolve(result.value);
      } else if (result) {
        reject(new Error(`${path.basename(script)}: ${result.error}`));
      } else {
        reject(new Error(`${path.basename(script)} exited (${signal ?? code}) without a result`));
      }
    });
  });
}

/** A long-lived helper process (emulator, bare server) that announces itself with one message. */
export interface Service<T> {
  readonly info: T;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function startService<T>(script: string, input: unknown, opts: RunOptions): Promise<Service<T>> {
  return new Promise<Service<T>>((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], {
      execArgv: opts.execArgv ?? [],
      env: opts.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not start within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited (${code}) before it was ready`));
    };
    child.once('exit', onExit);
    child.once('message', (m) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      const msg = m as { ok: true; value: T } | { ok: false; error: string };
      if (!msg.ok) {
        child.kill('SIGKILL');
        reject(new Error(`${path.basename(script)}: ${msg.error}`));
        return;
      }
      resolve({ info: msg.value, process: child, stop: () => stopChild(child) });
    });
  });
}

/** Asks the child to stop (it listens for 'disconnect'), then kills it if it lingers. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) {
      child.disconnect();
    } else {
      child.kill('SIGTERM');
    }
  });
}
