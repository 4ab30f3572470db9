import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls the monitor found in flight when it attached, and calls whose end it never saw
 * (docs/adr/0004-unknown-outcome.md):
 * - queue_call: `joined_before_monitoring` (learned from a resync view, its join unseen),
 *   `estimated` (a time is the PBX's estimate, not its ledger's), `talk_at_least_seconds`
 *   (answered, end unseen: talk_seconds is NULL and this is the talk known, a minimum);
 *   outcome may now be 'unknown'.
 * - interval_aggregate, monthly_aggregate: `unknown` (outcome unknown, counted in offered) and
 *   `talk_unknown` (answered calls whose talk is unknown: not in sum_talk, so
 *   AHT = sum_talk / (answered − talk_unknown)).
 * Portable SQL: SQLite and PostgreSQL both add a column with a default to existing rows; flags
 * are smallint 0/1 (SQLite has no boolean).
 */
export class AttachAndUnknownOutcome1765100000000 implements MigrationInterface {
  readonly name = 'AttachAndUnknownOutcome1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE queue_call ADD COLUMN joined_before_monitoring smallint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE queue_call ADD COLUMN estimated smallint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE queue_call ADD COLUMN talk_at_least_seconds integer`);
    for (const table of ['interval_aggregate', 'monthly_aggregate']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN unknown integer NOT NULL DEFAULT 0`);
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN talk_unknown integer NOT NULL DEFAULT 0`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['interval_aggregate', 'monthly_aggregate']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN talk_unknown`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN unknown`);
    }
    await queryRunner.query(`ALTER TABLE queue_call DROP COLUMN talk_at_least_seconds`);
    await queryRunner.query(`ALTER TABLE queue_call DROP COLUMN estimated`);
    await queryRunner.query(`ALTER TABLE queue_call DROP COLUMN joined_before_monitoring`);
  }
}
