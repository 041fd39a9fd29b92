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

let commitStep = 0;

/** Called right after the commit point: the step that made the update committed. */
export function markCommit(): void {
  commitStep = steps;
}

/** What the kill-loop test reads to choose its kill points (printed when the hook is set). */
export function stepReport(): string {
  return `test: ${steps} file-system steps, commit at step ${commitStep}`;
}

export const reportSteps = process.env.KAGENT_RENDER_TEST_KILL_AT_STEP !== undefined;
