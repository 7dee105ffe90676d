import * as fs from 'node:fs';
import * as os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGB: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

/** The CPU as /proc/cpuinfo names it; ratios matter more than times on these shared machines. */
export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  let cores = os.cpus().length;
  try {
    const text = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const models = text.split('\n').filter((l) => l.startsWith('model name'));
    if (models.length > 0) {
      cpuModel = models[0].split(':').slice(1).join(':').trim();
      cores = models.length;
    }
  } catch {
    // Not Linux: os.cpus() is the best we have.
  }
  return {
    cpuModel,
    cores,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
