#ifndef DISCLOSURE_CCRYPTO_SHIM_H
#define DISCLOSURE_CCRYPTO_SHIM_H

// OpenSSL's libcrypto (Debian: libssl-dev), for the SHA-256 of every input: it uses the CPU's
// SHA extensions where there are any, about ten times GLib's portable C.
#include <stddef.h>
#include <openssl/evp.h>

// SHA-256 of `count` bytes into `digest` (32 bytes); 1 on success, 0 on failure.
static inline int disclosure_sha256(const void *bytes, size_t count, unsigned char *digest) {
  unsigned int length = 0;
  return EVP_Digest(bytes, count, digest, &length, EVP_sha256(), NULL) == 1 && length == 32;
}

#endif
