/** Why a schedule use-case refused, with the HTTP-like code the transport maps to a status. */
export class ScheduleProblem extends Error {
  override readonly name = 'ScheduleProblem';

  /** Creates a problem of `code` with a message for the person, naming `field` for input errors. */
  constructor(
    readonly code: 'invalid' | 'forbidden' | 'not_found' | 'conflict',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
