import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { GatewayError } from '@verosek/protocol';

/** The first problem, named by its field path (e.g. `budgets.daily_usd`). */
export function validationFailure(errors: ValidationError[], parent = ''): GatewayError {
  const first = errors[0];
  if (!first) return GatewayError.invalid('the request is invalid');
  const path = parent ? `${parent}.${first.property}` : first.property;
  const constraint = first.constraints && Object.values(first.constraints)[0];
  if (constraint) return GatewayError.invalid(constraint.replace(first.property, path), path);
  if (first.children?.length) return validationFailure(first.children, path);
  return GatewayError.invalid(`${path} is invalid`, path);
}

/** Validation for keys requests, on the admin API and on the transport alike. */
export function keysValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => validationFailure(errors),
  });
}
