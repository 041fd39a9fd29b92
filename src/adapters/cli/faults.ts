/**
 * A test hook for the crash-safety tests of `-o DIR` (test/e2e/outdir-crash.test.ts): every
 * system call that changes the file system under DIR first calls fsStep(). With
 * KAGENT_RENDER_TEST_KILL_AT_STEP=N the process sends itself SIGKILL just before its Nth such
 * call, so a test can stop a real build at every point of an update, not only where a timer
 * happens to land. Unset (always, outside those tests) it only counts.
 */
const killAt = Number(process.env.KAGENT_RENDER_TEST_KILL_AT_STEP ?? 0);
let steps = 0;

export function fsStep(): void {
  steps++;
  if (steps === killAt) process.kill(process.pid, 'SIGKILL');
}

/** How many steps this process has taken (the test reads it to choose kill points). */
export function fsStepsTaken(): number {
  return steps;
}

export const reportSteps = process.env.KAGENT_RENDER_TEST_KILL_AT_STEP !== undefined;
