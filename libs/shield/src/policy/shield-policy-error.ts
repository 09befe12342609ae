/** A policy object that does not fit the schema; `field` is the dotted path of the bad field. */
export class ShieldPolicyError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ShieldPolicyError';
  }
}
