/** Errors that carry their exit code. Commands throw; only main.ts exits. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
/** Bad flags or arguments: exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}
/** Bad input file or rule file: exit 1. */
export class InputError extends CliError {
  constructor(message: string) {
    super(message, 1);
  }
}
/** The person pressed Ctrl-C: exit 130. */
export class Cancelled extends CliError {
  constructor() {
    super('cancelled', 130);
  }
}
