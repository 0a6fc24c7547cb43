import { Column } from 'typeorm';
import { decimalToNumber } from '../../database/column-transformers';

/** The figures every call rollup holds for its key (sql/005, sql/006): final calls, their talk time and cost. */
export abstract class RollupFigures {
  @Column({ type: 'int', default: 0 })
  calls!: number;

  @Column({ name: 'duration_seconds', type: 'bigint', default: 0 })
  durationSeconds!: string;

  @Column({ type: 'decimal', precision: 16, scale: 4, default: 0, transformer: decimalToNumber })
  cost!: number;
}
