import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Facts about this installation (e.g. when its schema was created), one row per key. */
@Entity({ name: 'verosek_meta' })
export class VerosekMetaEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
