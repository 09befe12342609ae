import type { ValueTransformer } from 'typeorm';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** pg returns bigint as a string; micro-USD amounts stay far below 2^53, so a number is exact. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A virtual key (`vsk_<id>_<secret>`). Only hashes of its secrets are stored. */
@Entity({ name: 'virtual_keys' })
@Index('virtual_keys_unswept_expiry', ['expiresAt'], { where: 'expired_at IS NULL' })
export class VirtualKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 128 })
  secretHash!: string;

  /** The secret before the last rotation, accepted until previous_expires_at. */
  @Column({ name: 'previous_secret_hash', type: 'varchar', length: 128, nullable: true })
  previousSecretHash!: string | null;

  @Column({ name: 'previous_expires_at', type: 'timestamptz', nullable: true })
  previousExpiresAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set by the expiry sweeper once it has invalidated the caches of an expired key. */
  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  models!: string[] | null;

  @Column({ name: 'budget_daily_micro_usd', type: 'bigint', nullable: true, transformer: bigintNumber })
  budgetDailyMicroUsd!: number | null;

  @Column({ name: 'budget_weekly_micro_usd', type: 'bigint', nullable: true, transformer: bigintNumber })
  budgetWeeklyMicroUsd!: number | null;

  @Column({ name: 'budget_monthly_micro_usd', type: 'bigint', nullable: true, transformer: bigintNumber })
  budgetMonthlyMicroUsd!: number | null;

  @Column({ name: 'rpm_limit', type: 'integer', nullable: true })
  rpmLimit!: number | null;

  @Column({ name: 'tpm_limit', type: 'integer', nullable: true })
  tpmLimit!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata!: Record<string, unknown> | null;

  /** Shield policy override (validated by Shield when applied). */
  @Column({ type: 'jsonb', nullable: true })
  shield!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  tools!: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
