/** A typed secret that is easy to guess gets a warning (not a refusal: the site may have its own rules). */
export function secretStrength(secret: string): 'weak' | 'fair' | 'strong' {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(secret)).length;
  if (secret.length >= 20 && classes >= 2) return 'strong';
  if (secret.length >= 12 && classes >= 3) return 'fair';
  return 'weak';
}
