/** A bad admin query parameter; the API answers 400 naming `param`. */
export class AuditQueryError extends Error {
  constructor(
    readonly param: string,
    problem: string,
  ) {
    super(`query parameter ${param} ${problem}`);
    this.name = 'AuditQueryError';
  }
}
