/**
 * Hang bounds measured in CPU time, not wall time: on a loaded machine (CI beside other jobs, two
 * busy loops in the stress run) a process can wait seconds for a core without doing any work, and a
 * wall-clock bound then reports a hang that is only a queue. A real hang (a loop that never ends)
 * burns CPU, so it still crosses a CPU bound; a wall bound many times larger stays as the backstop
 * for a process that is stuck without using CPU (a deadlock, a blocked read).
 */
import { readFileSync } from 'node:fs';

/** CPU milliseconds this process has used (user + system). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU milliseconds another process has used, from /proc; undefined where /proc cannot tell. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** How many times the CPU bound a wall-clock backstop allows before it calls a silent process hung. */
export const WALL_BACKSTOP_FACTOR = 12;
