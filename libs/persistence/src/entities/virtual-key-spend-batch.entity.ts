import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A spend batch already added to `virtual_key_spend`; forgotten by the expiry sweep after a week. */
@Entity({ name: 'virtual_key_spend_batches' })
@Index('virtual_key_spend_batches_recorded', ['recordedAt'])
export class VirtualKeySpendBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
