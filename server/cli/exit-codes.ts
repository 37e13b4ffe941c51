/** What each exit status of `klaxon` means; scripts branch on these. */
export const EXIT = {
  ok: 0,
  /** The relay refused the command, or what it names does not exist (404, 409, other answers). */
  refused: 1,
  /** The command line itself is wrong (unknown command or flag, a missing argument). */
  usage: 2,
  /** The relay does not accept the token (401), or the token or role may not do this (403). */
  auth: 3,
  /** The relay could not be reached (connection refused, DNS, timeout). */
  unreachable: 4,
  /** Input failed validation: a 400 from the relay, or a config file that does not pass. */
  invalid: 5,
} as const;

/** One of the exit statuses in `EXIT`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with `code`, printing `message` (and the field, when known) on stderr. */
export class CliError extends Error {
  override readonly name = 'CliError';

  /** Builds the failure; `field` names the wrong input (a flag, or the relay's field path). */
  constructor(
    readonly code: ExitCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A usage error: the command line is wrong (exit 2). */
export function usageError(message: string, field?: string): CliError {
  return new CliError(EXIT.usage, message, field);
}

/** The exit status a relay's HTTP answer means. */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status >= 200 && status < 300) return EXIT.ok;
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 400 || status === 413 || status === 415 || status === 422) return EXIT.invalid;
  return EXIT.refused;
}
