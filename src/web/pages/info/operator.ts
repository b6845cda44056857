/**
 * Who runs this installation of SMUP, for the accessibility statement: SMUP is software that a public body
 * (or anyone) deploys, so the body's name and contact come from its environment, not from the code.
 * Unset, the statement says so plainly rather than inventing a contact.
 */
export interface Operator {
  readonly name: string | null;
  readonly contact: string | null;
}

export function operatorOf(env: NodeJS.ProcessEnv = process.env): Operator {
  const clean = (v: string | undefined) => (v && v.trim() !== '' ? v.trim().slice(0, 200) : null);
  return { name: clean(env.SMUP_OPERATOR), contact: clean(env.SMUP_CONTACT) };
}
