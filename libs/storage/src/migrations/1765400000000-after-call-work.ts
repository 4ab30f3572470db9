import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-call work per call: a wrap-up span (话后: the PBX's wrap-up after a call, or a pause
 * the config maps to after-call work) names the call it follows, so a call's after-call
 * seconds are the sum of its spans (`AgentStateIntervalRepository.afterCallSeconds`). Other
 * spans name the call rung or talked on; spans stored before this migration have none.
 * Portable SQL — the same statements on SQLite and PostgreSQL.
 */
export class AfterCallWork1765400000000 implements MigrationInterface {
  readonly name = 'AfterCallWork1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agent_state_interval ADD COLUMN call_id varchar(128)`);
    await queryRunner.query(
      `CREATE INDEX ix_agent_state_interval_call ON agent_state_interval (call_id, state)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_agent_state_interval_call`);
    await queryRunner.query(`ALTER TABLE agent_state_interval DROP COLUMN call_id`);
  }
}
