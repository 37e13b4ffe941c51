import { z } from 'zod';

/** The error a refused command answers with; `field` names the input at fault when there is one. */
export const CommandErrorSchema = z.object({
  code: z.enum(['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'unavailable', 'rate-limited']),
  message: z.string(),
  field: z.string().optional(),
});
export type CommandError = z.infer<typeof CommandErrorSchema>;

/** What a socket command's acknowledgement callback receives. */
export type CommandResult<T = undefined> = { ok: true; value: T } | { ok: false; error: CommandError };
