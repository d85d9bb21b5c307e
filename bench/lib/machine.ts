import os from 'node:os';

export type Machine = { cpuModel: string; cores: number; node: string; platform: string; totalMemGiB: number };

/** Figures mean little without the machine they came from. */
export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

export const describeMachine = (m: Machine) =>
  `${m.cpuModel}, ${m.cores} cores, ${m.totalMemGiB} GiB, Node ${m.node}, ${m.platform}`;
