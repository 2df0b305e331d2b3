/* The binary form of one file's result (everything but its path) for the result cache.
 * One function per type walks every field once, both ways: adding a field to ms_finding,
 * ms_handler, ms_facts... is one line in result_codec.c (and a bump of
 * MS_RESULT_CODEC_VERSION, which is part of every cache key). */
#ifndef MS_CORE_RESULT_CODEC_H
#define MS_CORE_RESULT_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "model/finding.h"
#include "util/strbuf.h"

/* Bump whenever the encoding or the meaning of any encoded field changes. */
#define MS_RESULT_CODEC_VERSION 2u

/** Appends the encoding of r (path excluded) to out. MS_ETOOBIG when out's cap stopped it
 * (out then holds a partial encoding). */
ms_status ms_result_codec_encode(const ms_file_result *r, ms_strbuf *out);
/** Decodes data into *out, keeping out->path. nrules bounds the rule indices. Returns MS_OK,
 * or MS_EPARSE on malformed data (out is then left disposable but must not be used). */
ms_status ms_result_codec_decode(const void *data, size_t len, uint32_t nrules, ms_file_result *out);

#endif
