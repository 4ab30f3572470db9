import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema in portable SQL: SQLite and PostgreSQL both accept these types, composite
 * primary keys and `ON CONFLICT … DO UPDATE`. Instants are epoch milliseconds in BIGINT, so
 * neither dialect's time-zone handling touches them; local days and months are computed in
 * the configured zone by the application.
 */
export class InitialSchema1764370000000 implements MigrationInterface {
  readonly name = 'InitialSchema1764370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE queue_call (
      call_id varchar(128) NOT NULL PRIMARY KEY,
      contact_id varchar(128) NOT NULL,
      queue varchar(128) NOT NULL,
      line varchar(128),
      agent varchar(128),
      joined_at bigint NOT NULL,
      answered_at bigint,
      ended_at bigint,
      wait_seconds integer NOT NULL,
      talk_seconds integer,
      outcome varchar(16) NOT NULL,
      reason varchar(64)
    )`);
    await queryRunner.query(`CREATE INDEX ix_queue_call_joined_at ON queue_call (joined_at)`);
    await queryRunner.query(`CREATE INDEX ix_queue_call_queue ON queue_call (queue, joined_at)`);
    await queryRunner.query(`CREATE INDEX ix_queue_call_line ON queue_call (line, joined_at)`);
    await queryRunner.query(`CREATE INDEX ix_queue_call_agent ON queue_call (agent, joined_at)`);
    await queryRunner.query(`CREATE INDEX ix_queue_call_contact ON queue_call (contact_id)`);

    await queryRunner.query(`CREATE TABLE agent_state_interval (
      agent varchar(128) NOT NULL,
      started_at bigint NOT NULL,
      state varchar(32) NOT NULL,
      pause_reason varchar(128),
      ended_at bigint NOT NULL,
      PRIMARY KEY (agent, started_at)
    )`);
    await queryRunner.query(
      `CREATE INDEX ix_agent_state_interval_started ON agent_state_interval (started_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_agent_state_interval_ended ON agent_state_interval (ended_at)`,
    );

    await queryRunner.query(`CREATE TABLE survey_rating (
      rating_id varchar(128) NOT NULL PRIMARY KEY,
      contact_id varchar(128),
      call_id varchar(128),
      queue varchar(128) NOT NULL,
      agent varchar(128),
      score integer NOT NULL,
      rated_at bigint NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX ix_survey_rating_rated_at ON survey_rating (rated_at)`);

    const counters = `
      offered integer NOT NULL DEFAULT 0,
      answered integer NOT NULL DEFAULT 0,
      answered_10s integer NOT NULL DEFAULT 0,
      over_5min integer NOT NULL DEFAULT 0,
      abandoned integer NOT NULL DEFAULT 0,
      short_abandoned integer NOT NULL DEFAULT 0,
      exited integer NOT NULL DEFAULT 0,
      blocked integer NOT NULL DEFAULT 0,
      sum_wait bigint NOT NULL DEFAULT 0,
      sum_talk bigint NOT NULL DEFAULT 0,
      max_wait integer NOT NULL DEFAULT 0,
      ratings integer NOT NULL DEFAULT 0,
      satisfied integer NOT NULL DEFAULT 0,
      agents_on_duty integer NOT NULL DEFAULT 0`;
    await queryRunner.query(`CREATE TABLE interval_aggregate (
      interval_start bigint NOT NULL,
      scope_kind varchar(8) NOT NULL,
      scope_key varchar(128) NOT NULL,
      ${counters},
      PRIMARY KEY (interval_start, scope_kind, scope_key)
    )`);
    await queryRunner.query(
      `CREATE INDEX ix_interval_aggregate_scope ON interval_aggregate (scope_kind, interval_start)`,
    );

    await queryRunner.query(`CREATE TABLE monthly_aggregate (
      month varchar(7) NOT NULL,
      scope_kind varchar(8) NOT NULL,
      scope_key varchar(128) NOT NULL,
      ${counters},
      satisfaction_rate double precision,
      source varchar(16) NOT NULL,
      PRIMARY KEY (month, scope_kind, scope_key)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'monthly_aggregate',
      'interval_aggregate',
      'survey_rating',
      'agent_state_interval',
      'queue_call',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
