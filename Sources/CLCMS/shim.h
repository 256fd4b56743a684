#ifndef DISCLOSURE_CLCMS_SHIM_H
#define DISCLOSURE_CLCMS_SHIM_H

// Little CMS 2 (Debian: liblcms2-dev), the colour management library poppler uses.
//
// poppler-glib reads each page's text with a new text device, and a device keeps the ICC colour
// spaces it parsed in a cache of its own: so every page that sets an ICCBased colour space
// (Word and WPS embed sRGB in every page's resources) builds its colour transforms again, and
// each build links the profiles from scratch (the sRGB display profile's tone curves sampled
// and inverted, about 6 million instructions). Over the real corpus that was 1.03 billion
// instructions, 7 % of `ingest`, where pdftotext (one device per document) spends 23 million.
//
// `disclosure_lcms_cache_links` registers the four ICC rendering intents again as a plug-in
// whose link function is lcms's own (`_cmsDefaultICCintents`) behind a cache: the same
// profiles (their header fields and every tag's bytes), intents, black-point compensation,
// adaptation states and flags give a copy of the pipeline linked the first time. The pipeline
// is the same, so the transforms, and everything poppler reads, are the same.
#include <lcms2_plugin.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// At most 64 links are kept, each for profiles of at most 256 KB together (sRGB is 3 KB): a
// document that embeds many large profiles cannot make the cache grow without bound.
enum { disclosure_link_capacity = 64, disclosure_link_key_limit = 1 << 18 };

typedef struct {
  unsigned char *key;
  size_t length;
  cmsPipeline *pipeline;
} DisclosureLink;

typedef struct {
  DisclosureLink links[disclosure_link_capacity];
  int count;
  long linked;  // pipelines lcms linked
  long reused;  // links answered with a copy
  pthread_mutex_t lock;
} DisclosureLinkCache;

// The cache, a function's static (Swift's importer emits a header's functions, not its
// variables).
static inline DisclosureLinkCache *disclosure_link_cache(void) {
  static DisclosureLinkCache cache = {.count = 0, .linked = 0, .reused = 0, .lock = PTHREAD_MUTEX_INITIALIZER};
  return &cache;
}

typedef struct {
  unsigned char *bytes;
  size_t length;
  size_t capacity;
  int failed;
} DisclosureLinkKey;

// Room for `more` bytes; marks the key failed when memory runs out.
static inline int disclosure_link_key_reserve(DisclosureLinkKey *key, size_t more) {
  if (key->failed) return 0;
  if (key->length + more <= key->capacity) return 1;
  size_t capacity = key->capacity ? key->capacity : 4096;
  while (capacity < key->length + more) capacity *= 2;
  unsigned char *grown = (unsigned char *)realloc(key->bytes, capacity);
  if (!grown) {
    key->failed = 1;
    return 0;
  }
  key->bytes = grown;
  key->capacity = capacity;
  return 1;
}

static inline void disclosure_link_key_add(DisclosureLinkKey *key, const void *bytes, size_t length) {
  if (!disclosure_link_key_reserve(key, length)) return;
  memcpy(key->bytes + key->length, bytes, length);
  key->length += length;
}

// A profile as the key sees it: the header fields linking reads, then every tag's signature
// and bytes (read under the profile's own lock; nothing in the profile changes).
static inline void disclosure_link_key_profile(DisclosureLinkKey *key, cmsHPROFILE profile) {
  cmsUInt32Number header[8] = {
    cmsGetEncodedICCversion(profile), (cmsUInt32Number)cmsGetColorSpace(profile),
    (cmsUInt32Number)cmsGetPCS(profile), (cmsUInt32Number)cmsGetDeviceClass(profile),
    cmsGetHeaderFlags(profile), cmsGetHeaderRenderingIntent(profile),
    cmsGetHeaderManufacturer(profile), cmsGetHeaderModel(profile)};
  disclosure_link_key_add(key, header, sizeof header);
  cmsUInt64Number attributes = 0;
  cmsGetHeaderAttributes(profile, &attributes);
  disclosure_link_key_add(key, &attributes, sizeof attributes);
  cmsInt32Number count = cmsGetTagCount(profile);
  if (count < 0) {
    key->failed = 1;
    return;
  }
  disclosure_link_key_add(key, &count, sizeof count);
  for (cmsInt32Number i = 0; i < count && !key->failed; i++) {
    cmsTagSignature signature = cmsGetTagSignature(profile, (cmsUInt32Number)i);
    cmsUInt32Number size = cmsReadRawTag(profile, signature, NULL, 0);
    disclosure_link_key_add(key, &signature, sizeof signature);
    disclosure_link_key_add(key, &size, sizeof size);
    if (size == 0 || !disclosure_link_key_reserve(key, size)) continue;
    if (cmsReadRawTag(profile, signature, key->bytes + key->length, size) != size) {
      key->failed = 1;
      return;
    }
    key->length += size;
  }
}

static cmsPipeline *disclosure_cached_link(
  cmsContext context, cmsUInt32Number count, cmsUInt32Number intents[], cmsHPROFILE profiles[], cmsBool bpc[],
  cmsFloat64Number adaptation[], cmsUInt32Number flags) {
  DisclosureLinkCache *cache = disclosure_link_cache();
  DisclosureLinkKey key = {NULL, 0, 0, 0};
  disclosure_link_key_add(&key, &context, sizeof context);
  disclosure_link_key_add(&key, &count, sizeof count);
  disclosure_link_key_add(&key, &flags, sizeof flags);
  for (cmsUInt32Number i = 0; i < count && !key.failed; i++) {
    disclosure_link_key_add(&key, &intents[i], sizeof intents[i]);
    disclosure_link_key_add(&key, &bpc[i], sizeof bpc[i]);
    disclosure_link_key_add(&key, &adaptation[i], sizeof adaptation[i]);
    disclosure_link_key_profile(&key, profiles[i]);
  }
  if (!key.failed) {
    cmsPipeline *copy = NULL;
    int found = 0;
    pthread_mutex_lock(&cache->lock);
    for (int i = 0; i < cache->count; i++) {
      if (cache->links[i].length == key.length && memcmp(cache->links[i].key, key.bytes, key.length) == 0) {
        copy = cmsPipelineDup(cache->links[i].pipeline);
        found = 1;
        if (copy) cache->reused += 1;
        break;
      }
    }
    pthread_mutex_unlock(&cache->lock);
    if (found && copy) {
      free(key.bytes);
      return copy;
    }
  }
  cmsPipeline *linked = _cmsDefaultICCintents(context, count, intents, profiles, bpc, adaptation, flags);
  if (linked && !key.failed) {
    cmsPipeline *kept = cmsPipelineDup(linked);
    pthread_mutex_lock(&cache->lock);
    cache->linked += 1;
    if (kept && cache->count < disclosure_link_capacity && key.length <= disclosure_link_key_limit) {
      cache->links[cache->count].key = key.bytes;
      cache->links[cache->count].length = key.length;
      cache->links[cache->count].pipeline = kept;
      cache->count += 1;
      key.bytes = NULL;
      kept = NULL;
    }
    pthread_mutex_unlock(&cache->lock);
    if (kept) cmsPipelineFree(kept);
  }
  free(key.bytes);
  return linked;
}

// How many pipelines lcms linked and how many links were answered from the cache, so far.
static inline void disclosure_lcms_link_counts(long *linked, long *reused) {
  DisclosureLinkCache *cache = disclosure_link_cache();
  pthread_mutex_lock(&cache->lock);
  *linked = cache->linked;
  *reused = cache->reused;
  pthread_mutex_unlock(&cache->lock);
}

// Registers the caching link for the four ICC intents in lcms's global context (the one
// poppler's transforms use). Call once, before any document is opened; 1 on success.
static inline int disclosure_lcms_cache_links(void) {
  static cmsPluginRenderingIntent plugins[4];
  static const char *names[4] = {
    "Perceptual (linked once)", "Relative colorimetric (linked once)", "Saturation (linked once)",
    "Absolute colorimetric (linked once)"};
  for (int i = 0; i < 4; i++) {
    memset(&plugins[i], 0, sizeof plugins[i]);
    plugins[i].base.Magic = cmsPluginMagicNumber;
    plugins[i].base.ExpectedVersion = 2060;
    plugins[i].base.Type = cmsPluginRenderingIntentSig;
    plugins[i].base.Next = i < 3 ? &plugins[i + 1].base : NULL;
    plugins[i].Intent = (cmsUInt32Number)i;
    plugins[i].Link = disclosure_cached_link;
    strncpy(plugins[i].Description, names[i], sizeof plugins[i].Description - 1);
  }
  return cmsPlugin(&plugins[0]) ? 1 : 0;
}

#endif
