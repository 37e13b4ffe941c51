/**
 * Tells whether the relay's refusal named the input `name` (or one inside it): `field` is the
 * dotted path the relay answered, e.g. `businessHours.start` for the input `businessHours`.
 */
export function refusedField(field: string | null | undefined, name: string): boolean {
  if (!field) return false;
  return field === name || field.startsWith(`${name}.`);
}
