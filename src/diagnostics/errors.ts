/** A mistake in how the tool was invoked (exit 2). Everything about input is a Diagnostic. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A bug in kagent-render itself (exit 2, "please report"). */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** The output directory could not be updated (exit 1); the message says what was left as it was. */
export class OutputError extends Error {
  override name = 'OutputError';
}
