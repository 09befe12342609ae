import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber, VirtualKeyEntity } from './virtual-key.entity';

/** Settled spend of a key in one budget window (UTC day, ISO week, month), in micro-USD. */
@Entity({ name: 'virtual_key_spend' })
export class VirtualKeySpendEntity {
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 12 })
  keyId!: string;

  /** `day` | `week` | `month`. */
  @PrimaryColumn({ name: 'window_kind', type: 'varchar', length: 5 })
  windowKind!: string;

  /** `YYYY-MM-DD`, the window's UTC start. */
  @PrimaryColumn({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'spent_micro_usd', type: 'bigint', default: 0, transformer: bigintNumber })
  spentMicroUsd!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => VirtualKeyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'key_id' })
  key?: VirtualKeyEntity;
}
