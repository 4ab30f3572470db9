import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alarm history: one row per thing that happened to an alarm — raised, escalated,
 * acknowledged, cleared — with its time and the alarm as it stood then. An alarm is raised,
 * escalated (its severity only rises: once), acknowledged and cleared at most once each, so
 * (alarm_id, event) is the key and a replayed write changes nothing. Kept as long as the raw
 * call rows (storage.retention.rawMonths). Portable SQL — the same statements on SQLite and
 * PostgreSQL.
 */
export class AlarmHistory1765500000000 implements MigrationInterface {
  readonly name = 'AlarmHistory1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE alarm_event (
      alarm_id varchar(200) NOT NULL,
      event varchar(16) NOT NULL,
      at bigint NOT NULL,
      kind varchar(16) NOT NULL,
      subject varchar(128) NOT NULL,
      severity varchar(16) NOT NULL,
      value double precision,
      threshold double precision,
      detail text NOT NULL,
      raised_at bigint NOT NULL,
      acknowledged_by varchar(64),
      PRIMARY KEY (alarm_id, event)
    )`);
    await queryRunner.query(`CREATE INDEX ix_alarm_event_at ON alarm_event (at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_alarm_event_at`);
    await queryRunner.query(`DROP TABLE alarm_event`);
  }
}
