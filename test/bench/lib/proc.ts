import * as fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU time (user + system) a process has used so far, from /proc/<pid>/stat; undefined off Linux.
 * On a shared machine CPU time per request moves far less than requests per second.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) {
    return undefined;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are plain numbers.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Ends the extension hosts of a VS Code server this bench started (found by its own data folder): the server
 * keeps a disconnected workbench's host alive for hours, and idle hosts from earlier sessions would share the
 * 2 cores with the session being measured. Returns how many it ended. Linux only; elsewhere a no-op.
 */
export function endExtensionHosts(serverDataDir: string): number {
  let pids: number[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return 0;
  }
  const servers = new Set(pids.filter((p) => {
    const c = cmdline(p);
    return c.includes('server-main.js') && c.includes(serverDataDir);
  }));
  let ended = 0;
  for (const p of pids) {
    const parent = parentOf(p);
    if (parent !== undefined && servers.has(parent) && cmdline(p).includes('--type=extensionHost')) {
      try {
        process.kill(p, 'SIGTERM');
        ended++;
      } catch {
        // already gone
      }
    }
  }
  return ended;
}
