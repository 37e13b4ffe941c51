/** An error that carries the SMTP reply code the client must see (smtp-server sends it as the reply). */
export type SmtpReplyError = Error & { responseCode: number };

/** Builds an SMTP error with the reply code the client must see. */
export function smtpError(code: number, message: string): SmtpReplyError {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Tells whether an error already carries an SMTP reply code (a refusal we chose, not a failure). */
export function isSmtpReplyError(error: unknown): error is SmtpReplyError {
  return error instanceof Error && typeof (error as { responseCode?: unknown }).responseCode === 'number';
}
