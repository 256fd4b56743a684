#ifndef DISCLOSURE_CSQLITE_SHIM_H
#define DISCLOSURE_CSQLITE_SHIM_H

// The system SQLite (Debian: libsqlite3-dev), for `disclosure export --sqlite`.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which Swift does not import;
// binding text with it makes SQLite copy the bytes before the Swift buffer goes away.
static inline sqlite3_destructor_type disclosure_sqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Memory statistics cost a global mutex on
// every allocation SQLite makes (a twentieth of a bulk insert); this package never reads them.
// Must run before SQLite is initialized: it returns SQLITE_MISUSE (and changes nothing) after.
static inline int disclosure_sqlite_disable_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
