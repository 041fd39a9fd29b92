/** What an adapter may touch of its process: injected so tests run adapters in-process. */
export interface CliIO {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** All of standard input (the PATH `-`); absent = file descriptor 0. */
  readStdin?: () => Uint8Array;
}
