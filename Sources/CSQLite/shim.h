#ifndef DISCLOSURE_CSQLITE_SHIM_H
#define DISCLOSURE_CSQLITE_SHIM_H

// The system SQLite (Debian: libsqlite3-dev), for `disclosure export --sqlite`.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which Swift does not import;
// binding text with it makes SQLite copy the bytes before the Swift buffer goes away.
static inline sqlite3_destructor_type disclosure_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
