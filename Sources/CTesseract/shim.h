#ifndef DISCLOSURE_CTESSERACT_SHIM_H
#define DISCLOSURE_CTESSERACT_SHIM_H

// Tesseract's C API, loaded when the first scanned page needs it rather than linked.
//
// libtesseract pulls in libgomp, whose OpenMP threads spin on every core while an engine works
// (Tesseract asks for four threads per layer whatever the caller sets at run time): on this
// project's workload, one engine per document and documents in parallel, that spinning was 60 %
// of the OCR time. OMP_THREAD_LIMIT stops it, but libgomp reads it only when it is loaded; so
// the library is opened here, after the limit is set, and a binary that never meets a scanned
// page never loads it (nor needs it installed).
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <tesseract/capi.h>

typedef struct {
  TessBaseAPI *(*create)(void);
  void (*destroy)(TessBaseAPI *);
  BOOL (*setVariable)(TessBaseAPI *, const char *, const char *);
  int (*init3)(TessBaseAPI *, const char *, const char *);
  void (*end)(TessBaseAPI *);
  void (*setImage)(TessBaseAPI *, const unsigned char *, int, int, int, int);
  void (*clear)(TessBaseAPI *);
  void (*setPageSegMode)(TessBaseAPI *, TessPageSegMode);
  void (*setRectangle)(TessBaseAPI *, int, int, int, int);
  int (*recognize)(TessBaseAPI *, ETEXT_DESC *);
  TessResultIterator *(*getIterator)(TessBaseAPI *);
  void (*resultIteratorDelete)(TessResultIterator *);
  TessPageIterator *(*resultIteratorGetPageIterator)(TessResultIterator *);
  BOOL (*pageIteratorIsAtBeginningOf)(const TessPageIterator *, TessPageIteratorLevel);
  BOOL (*pageIteratorBoundingBox)(const TessPageIterator *, TessPageIteratorLevel, int *, int *, int *, int *);
  char *(*resultIteratorGetUTF8Text)(const TessResultIterator *, TessPageIteratorLevel);
  void (*deleteText)(const char *);
  float (*resultIteratorConfidence)(const TessResultIterator *, TessPageIteratorLevel);
  BOOL (*resultIteratorNext)(TessResultIterator *, TessPageIteratorLevel);
  const char *(*getDatapath)(TessBaseAPI *);
} DisclosureTesseractAPI;

typedef struct {
  DisclosureTesseractAPI api;
  int loaded;
  pthread_once_t once;
} DisclosureTesseractState;

// The state lives in a function (Swift imports a header's functions, not its variables).
static inline DisclosureTesseractState *disclosure_tesseract_state(void) {
  static DisclosureTesseractState state = {.loaded = 0, .once = PTHREAD_ONCE_INIT};
  return &state;
}

static inline void disclosure_tesseract_load(void) {
  // One OpenMP thread per engine: documents and pages are what run in parallel.
  setenv("OMP_THREAD_LIMIT", "1", 0);
  void *library = dlopen("libtesseract.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!library) return;
  DisclosureTesseractAPI *api = &disclosure_tesseract_state()->api;
#define DISCLOSURE_TESS_SYMBOL(field, name) \
  if (!(*(void **)(&api->field) = dlsym(library, name))) return;
  DISCLOSURE_TESS_SYMBOL(create, "TessBaseAPICreate")
  DISCLOSURE_TESS_SYMBOL(destroy, "TessBaseAPIDelete")
  DISCLOSURE_TESS_SYMBOL(setVariable, "TessBaseAPISetVariable")
  DISCLOSURE_TESS_SYMBOL(init3, "TessBaseAPIInit3")
  DISCLOSURE_TESS_SYMBOL(end, "TessBaseAPIEnd")
  DISCLOSURE_TESS_SYMBOL(setImage, "TessBaseAPISetImage")
  DISCLOSURE_TESS_SYMBOL(clear, "TessBaseAPIClear")
  DISCLOSURE_TESS_SYMBOL(setPageSegMode, "TessBaseAPISetPageSegMode")
  DISCLOSURE_TESS_SYMBOL(setRectangle, "TessBaseAPISetRectangle")
  DISCLOSURE_TESS_SYMBOL(recognize, "TessBaseAPIRecognize")
  DISCLOSURE_TESS_SYMBOL(getIterator, "TessBaseAPIGetIterator")
  DISCLOSURE_TESS_SYMBOL(resultIteratorDelete, "TessResultIteratorDelete")
  DISCLOSURE_TESS_SYMBOL(resultIteratorGetPageIterator, "TessResultIteratorGetPageIterator")
  DISCLOSURE_TESS_SYMBOL(pageIteratorIsAtBeginningOf, "TessPageIteratorIsAtBeginningOf")
  DISCLOSURE_TESS_SYMBOL(pageIteratorBoundingBox, "TessPageIteratorBoundingBox")
  DISCLOSURE_TESS_SYMBOL(resultIteratorGetUTF8Text, "TessResultIteratorGetUTF8Text")
  DISCLOSURE_TESS_SYMBOL(deleteText, "TessDeleteText")
  DISCLOSURE_TESS_SYMBOL(resultIteratorConfidence, "TessResultIteratorConfidence")
  DISCLOSURE_TESS_SYMBOL(resultIteratorNext, "TessResultIteratorNext")
  DISCLOSURE_TESS_SYMBOL(getDatapath, "TessBaseAPIGetDatapath")
#undef DISCLOSURE_TESS_SYMBOL
  disclosure_tesseract_state()->loaded = 1;
}

/// Tesseract's functions, or NULL when libtesseract.so.5 (or one of them) is missing.
static inline const DisclosureTesseractAPI *disclosure_tesseract(void) {
  DisclosureTesseractState *state = disclosure_tesseract_state();
  pthread_once(&state->once, disclosure_tesseract_load);
  return state->loaded ? &state->api : NULL;
}

#endif
