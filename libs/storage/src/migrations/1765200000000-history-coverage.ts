import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the stored calls are complete from, and the history imports that were run.
 * `data_coverage`: one row per scope ('calls'): stored queue calls are complete from
 * `covered_from` on (epoch ms) — the start of an import from the PBX's ledger, or the first live
 * attach when nothing was imported. `history_import`: one row per import run, with its summary.
 */
export class HistoryCoverage1765200000000 implements MigrationInterface {
  readonly name = 'HistoryCoverage1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE data_coverage (
      scope varchar(32) NOT NULL PRIMARY KEY,
      covered_from bigint NOT NULL,
      basis varchar(16) NOT NULL,
      updated_at bigint NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE history_import (
      started_at bigint NOT NULL PRIMARY KEY,
      finished_at bigint,
      source varchar(512) NOT NULL,
      range_from bigint NOT NULL,
      range_to bigint NOT NULL,
      status varchar(16) NOT NULL,
      calls integer NOT NULL DEFAULT 0,
      summary text
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE history_import`);
    await queryRunner.query(`DROP TABLE data_coverage`);
  }
}
