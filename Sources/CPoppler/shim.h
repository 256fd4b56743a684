#ifndef DISCLOSURE_CPOPPLER_SHIM_H
#define DISCLOSURE_CPOPPLER_SHIM_H

// poppler-glib for documents, glyphs and text attributes.
#include <poppler.h>
// cairo's script surface: poppler-glib has no API for a page's drawn paths, so the page is
// rendered into a script surface whose text output (move/line/rectangle/stroke/fill) is parsed.
#include <cairo.h>
#include <cairo-script.h>

// Swift cannot call a variadic C function: g_log_set_handler's flags are an enum of bit values
// that Swift imports as a struct, so the mask for "every level, fatal and recursive" is built
// here once.
static inline GLogLevelFlags disclosure_all_log_levels(void) {
  return (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION);
}

// GError's domain for poppler is a function-like macro (POPPLER_ERROR), which Swift does not
// import.
static inline GQuark disclosure_poppler_error_quark(void) { return POPPLER_ERROR; }

#endif
