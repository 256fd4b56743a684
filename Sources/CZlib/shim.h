#ifndef DISCLOSURE_CZLIB_SHIM_H
#define DISCLOSURE_CZLIB_SHIM_H

// zlib (Debian: zlib1g-dev) for raw deflate data (RFC 1951): PDF content streams are almost all
// FlateDecode. The zlib wrapper's two-byte header is read by the caller and its Adler-32 trailer
// is not checked, as poppler does not check it either; so the stream is inflated raw here.
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum {
  DISCLOSURE_INFLATE_OK = 0,
  // Malformed data, or data that ends before the final block does.
  DISCLOSURE_INFLATE_MALFORMED = 1,
  // The output would pass the limit (a decompression bomb).
  DISCLOSURE_INFLATE_EXCEEDED = 2,
  DISCLOSURE_INFLATE_NO_MEMORY = 3,
};

// Inflates `count` bytes of raw deflate data into a buffer of at most `limit` bytes. On success
// sets `*output` (malloc'd, the caller frees it), `*output_count` and `*consumed` (input bytes up
// to the end of the final block) and returns DISCLOSURE_INFLATE_OK.
static inline int disclosure_inflate_raw(const unsigned char *input, size_t count, size_t limit,
                                         unsigned char **output, size_t *output_count, size_t *consumed) {
  z_stream stream;
  memset(&stream, 0, sizeof stream);
  if (inflateInit2(&stream, -15) != Z_OK) return DISCLOSURE_INFLATE_NO_MEMORY;
  size_t capacity = count < (SIZE_MAX - 4096) / 4 ? count * 4 + 4096 : SIZE_MAX;
  if (capacity > limit + 1) capacity = limit + 1;
  unsigned char *buffer = malloc(capacity > 0 ? capacity : 1);
  if (buffer == NULL) {
    inflateEnd(&stream);
    return DISCLOSURE_INFLATE_NO_MEMORY;
  }
  size_t fed = 0;
  size_t produced = 0;
  int result = DISCLOSURE_INFLATE_OK;
  for (;;) {
    // zlib counts in 32 bits: feed the input and offer the output in pieces.
    if (stream.avail_in == 0 && fed < count) {
      size_t piece = count - fed < UINT_MAX ? count - fed : UINT_MAX;
      stream.next_in = (Bytef *)(input + fed);
      stream.avail_in = (uInt)piece;
      fed += piece;
    }
    if (produced == capacity) {
      if (capacity > limit) {
        result = DISCLOSURE_INFLATE_EXCEEDED;
        break;
      }
      size_t larger = capacity <= limit / 2 ? capacity * 2 : limit + 1;
      unsigned char *grown = realloc(buffer, larger);
      if (grown == NULL) {
        result = DISCLOSURE_INFLATE_NO_MEMORY;
        break;
      }
      buffer = grown;
      capacity = larger;
    }
    size_t room = capacity - produced < UINT_MAX ? capacity - produced : UINT_MAX;
    stream.next_out = buffer + produced;
    stream.avail_out = (uInt)room;
    int status = inflate(&stream, Z_NO_FLUSH);
    produced += room - stream.avail_out;
    if (status == Z_STREAM_END) {
      if (produced > limit) result = DISCLOSURE_INFLATE_EXCEEDED;
      break;
    }
    if (status == Z_MEM_ERROR) {
      result = DISCLOSURE_INFLATE_NO_MEMORY;
      break;
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      result = DISCLOSURE_INFLATE_MALFORMED;
      break;
    }
    // No input left and room to spare, yet no final block: the data is cut short.
    if (stream.avail_in == 0 && fed == count && stream.avail_out > 0) {
      result = DISCLOSURE_INFLATE_MALFORMED;
      break;
    }
  }
  if (result == DISCLOSURE_INFLATE_OK) {
    *output = buffer;
    *output_count = produced;
    *consumed = fed - stream.avail_in;
  } else {
    free(buffer);
  }
  inflateEnd(&stream);
  return result;
}

#endif
