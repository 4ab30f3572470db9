/**
 * The signals that mean "stop gracefully". Only these: `enableShutdownHooks()` with no list also
 * traps SIGBUS, SIGSEGV, SIGFPE and SIGILL, and a handler that returns from a hardware fault
 * re-executes the faulting instruction — with an unwritable SQLite -shm the process spun on
 * SIGBUS at 97 % CPU instead of dying and being restarted by systemd.
 */
export const SHUTDOWN_SIGNALS: readonly string[] = ['SIGTERM', 'SIGINT'];
