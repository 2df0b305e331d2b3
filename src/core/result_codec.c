/* Encoding of a file result for the cache; see result_codec.h. Every type has one `visit_`
 * function used for both directions, so the encoder and the decoder cannot drift apart.
 * Integers are little-endian fixed width, strings a u32 length (UINT32_MAX = NULL) then the
 * bytes. The decoder checks every length against what is left: it never trusts the data,
 * even though the cache authenticates entries before they get here. */
#include "core/result_codec.h"

#include <stdbool.h>
#include <string.h>

#include "util/le.h"
#include "util/xalloc.h"

#define NULL_LEN UINT32_MAX

/* A field added to one of these structs must be added to its visit_ function below (and
 * MS_RESULT_CODEC_VERSION bumped), or cached results would silently lose it. These checks
 * (on LP64, where the sizes are known) fail the build until the codec has been updated; then
 * update the size here. They cannot see a field that fits in tail padding (up to 4 bytes at
 * the end of ms_handler). */
#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
#define SIZE_CHECK(type, size) \
  _Static_assert(sizeof(type) == (size), #type " changed: update result_codec.c and its version")
SIZE_CHECK(ms_file_result, 240);
SIZE_CHECK(ms_finding, 112);
SIZE_CHECK(ms_trace_step, 32);
SIZE_CHECK(ms_span, 24);
SIZE_CHECK(ms_facts, 152);
SIZE_CHECK(ms_handler, 88);
SIZE_CHECK(ms_param, 16);
SIZE_CHECK(ms_transport, 40);
SIZE_CHECK(ms_suppression, 56);
SIZE_CHECK(ms_meta_text, 40);
SIZE_CHECK(ms_site, 40);
SIZE_CHECK(ms_auth, 16);
SIZE_CHECK(ms_host_check, 24);
SIZE_CHECK(ms_bind, 32);
SIZE_CHECK(ms_cors, 16);
#endif

typedef struct codec {
  ms_strbuf *out;        /* encoding */
  const uint8_t *in;     /* decoding */
  size_t pos, len;
  bool bad;
} codec;

static void raw(codec *c, void *p, size_t n) {
  if (c->out) {
    if (ms_strbuf_put(c->out, p, n) < 0) c->bad = true; /* over the buffer's cap */
    return;
  }
  if (c->bad || c->len - c->pos < n) {
    c->bad = true;
    memset(p, 0, n);
    return;
  }
  memcpy(p, c->in + c->pos, n);
  c->pos += n;
}

static void u32(codec *c, uint32_t *v) {
  uint8_t b[4];
  ms_le32_put(b, *v);
  raw(c, b, 4);
  *v = ms_le32_get(b);
}

static void u64(codec *c, uint64_t *v) {
  uint8_t b[8];
  ms_le64_put(b, *v);
  raw(c, b, 8);
  *v = ms_le64_get(b);
}

static void i64(codec *c, int64_t *v) {
  uint64_t u = (uint64_t)*v;
  u64(c, &u);
  *v = (int64_t)u;
}

static void flag(codec *c, bool *v) {
  uint8_t b = *v ? 1 : 0;
  raw(c, &b, 1);
  if (b > 1) c->bad = true;
  *v = b == 1;
}

/* An enum or int field, through a u32 that must stay below limit when decoding. */
#define ENUM(c, field, limit)                                  \
  do {                                                         \
    uint32_t v_ = (uint32_t)(field);                           \
    u32((c), &v_);                                             \
    if (v_ >= (uint32_t)(limit)) (c)->bad = true, v_ = 0;      \
    (field) = v_;                                              \
  } while (0)

static void str(codec *c, char **s) {
  uint32_t n = *s ? (uint32_t)strlen(*s) : NULL_LEN;
  u32(c, &n);
  if (c->out) {
    if (*s && ms_strbuf_put(c->out, *s, n) < 0) c->bad = true;
    return;
  }
  *s = NULL;
  if (n == NULL_LEN || c->bad) return;
  if (c->len - c->pos < n || memchr(c->in + c->pos, '\0', n) != NULL) {
    c->bad = true;
    return;
  }
  *s = ms_xstrndup((const char *)c->in + c->pos, n);
  c->pos += n;
}

/* An ms_array of T: the count, then each item through visit_T. Decoding pushes zeroed items
 * (so a failure half-way leaves a disposable array) and bounds the count by the bytes left. */
#define ARRAY(c, arr, visit)                                                          \
  do {                                                                                \
    uint32_t n_ = (arr)->len;                                                         \
    u32((c), &n_);                                                                    \
    if ((c)->out) {                                                                   \
      for (uint32_t i_ = 0; i_ < n_; i_++) visit((c), &(arr)->items[i_]);             \
    } else {                                                                          \
      (arr)->len = 0;                                                                 \
      if (n_ > (c)->len - (c)->pos) (c)->bad = true;                                  \
      for (uint32_t i_ = 0; i_ < n_ && !(c)->bad; i_++) {                             \
        ms_array_reserve((arr), (arr)->len + 1u);                                     \
        memset(&(arr)->items[(arr)->len], 0, sizeof *(arr)->items);                   \
        (arr)->len++;                                                                 \
        visit((c), ms_array_back(arr));                                               \
      }                                                                               \
    }                                                                                 \
  } while (0)

/* ---- findings ---------------------------------------------------------------------------- */

static void visit_span(codec *c, ms_span *s) {
  u32(c, &s->start_byte);
  u32(c, &s->end_byte);
  u32(c, &s->start_line);
  u32(c, &s->start_col);
  u32(c, &s->end_line);
  u32(c, &s->end_col);
}

static void visit_trace_step(codec *c, ms_trace_step *t) {
  visit_span(c, &t->span);
  str(c, &t->label);
}

static void visit_finding(codec *c, ms_finding *f, uint32_t nrules) {
  ENUM(c, f->rule, nrules);
  ENUM(c, f->severity, MS_SEV_COUNT);
  visit_span(c, &f->span);
  str(c, &f->message);
  str(c, &f->snippet);
  str(c, &f->function);
  str(c, &f->tool);
  str(c, &f->fingerprint);
  ARRAY(c, &f->trace, visit_trace_step);
  u32(c, &f->snippet_col);
  uint32_t conf = f->confidence;
  u32(c, &conf);
  if (conf > MS_CONF_LOW + 1u) c->bad = true, conf = 0;
  f->confidence = (uint8_t)conf;
  /* Not stored: suppress_kind/suppress_reason (re-applied from the recorded comments and the
   * configuration after every lookup: config suppressions depend on the path) and
   * baseline_state (decided after the scan). Decoded findings have neither. */
}

/* ---- facts ------------------------------------------------------------------------------- */

static void visit_param(codec *c, ms_param *p) {
  str(c, &p->name);
  u32(c, &p->line);
  u32(c, &p->col);
}

static void visit_handler(codec *c, ms_handler *h) {
  ENUM(c, h->kind, 256); /* unknown kinds print as "?" */
  str(c, &h->name);
  str(c, &h->description);
  str(c, &h->uri);
  str(c, &h->function);
  flag(c, &h->low_level);
  ARRAY(c, &h->params, visit_param);
  u32(c, &h->decl_line);
  u32(c, &h->start_byte);
  u32(c, &h->end_byte);
  u32(c, &h->start_line);
  u32(c, &h->end_line);
}

static void visit_transport(codec *c, ms_transport *t) {
  ENUM(c, t->kind, 256);
  u32(c, &t->line);
  u32(c, &t->col);
  str(c, &t->host);
  i64(c, &t->port);
  u32(c, &t->site);
  flag(c, &t->sdk_guard);
}

static void visit_meta_text(codec *c, ms_meta_text *t) {
  ENUM(c, t->kind, 256);
  ENUM(c, t->field, 256);
  str(c, &t->owner);
  str(c, &t->param);
  str(c, &t->text);
  u32(c, &t->start_byte);
  u32(c, &t->end_byte);
}

static void visit_site(codec *c, ms_site *t) {
  u32(c, &t->start_byte);
  u32(c, &t->end_byte);
  u32(c, &t->line);
  u32(c, &t->col);
  u32(c, &t->end_line);
  u32(c, &t->end_col);
  str(c, &t->snippet);
  str(c, &t->function);
}

static void visit_auth(codec *c, ms_auth *t) {
  str(c, &t->what);
  u32(c, &t->site);
}

static void visit_host_check(codec *c, ms_host_check *t) {
  flag(c, &t->enabled);
  str(c, &t->what);
  u32(c, &t->site);
}

static void visit_bind(codec *c, ms_bind *t) {
  str(c, &t->what);
  str(c, &t->host);
  i64(c, &t->port);
  flag(c, &t->all_interfaces);
  u32(c, &t->site);
}

static void visit_cors(codec *c, ms_cors *t) {
  str(c, &t->what);
  flag(c, &t->reflects);
  flag(c, &t->credentials);
  u32(c, &t->site);
}

static void visit_module(codec *c, char **m) { str(c, m); }

static void visit_facts(codec *c, ms_facts *f) {
  ARRAY(c, &f->handlers, visit_handler);
  ARRAY(c, &f->transports, visit_transport);
  ARRAY(c, &f->texts, visit_meta_text);
  ARRAY(c, &f->sites, visit_site);
  ARRAY(c, &f->auths, visit_auth);
  ARRAY(c, &f->host_checks, visit_host_check);
  ARRAY(c, &f->binds, visit_bind);
  ARRAY(c, &f->cors, visit_cors);
  u32(c, &f->imports);
  ARRAY(c, &f->modules, visit_module);
  /* Site indexes must point into sites, whatever the entry says. */
  uint32_t ns = f->sites.len;
  for (uint32_t i = 0; i < f->transports.len; i++) c->bad |= f->transports.items[i].site >= ns;
  for (uint32_t i = 0; i < f->auths.len; i++) c->bad |= f->auths.items[i].site >= ns;
  for (uint32_t i = 0; i < f->host_checks.len; i++) c->bad |= f->host_checks.items[i].site >= ns;
  for (uint32_t i = 0; i < f->binds.len; i++) c->bad |= f->binds.items[i].site >= ns;
  for (uint32_t i = 0; i < f->cors.len; i++) c->bad |= f->cors.items[i].site >= ns;
}

/* A suppression comment as found in the file; how many findings it suppressed is counted
 * again when it is applied, so `uses` is not stored. */
static void visit_suppression(codec *c, ms_suppression *t) {
  ENUM(c, t->kind, MS_SUPPRESS_COUNT);
  u32(c, &t->line);
  u32(c, &t->col);
  str(c, &t->rules);
  str(c, &t->reason);
  str(c, &t->problem);
  u32(c, &t->end_line);
  flag(c, &t->standalone);
  if (c->out == NULL) t->uses = 0;
}

/* ---- the file result --------------------------------------------------------------------- */

static void visit_result(codec *c, ms_file_result *r, uint32_t nrules) {
  /* The language is not stored: it is part of the cache key. */
  ENUM(c, r->skip, 256);
  str(c, &r->skip_detail);
  flag(c, &r->syntax_error);
  flag(c, &r->findings_truncated);
  u32(c, &r->lines);
  u64(c, &r->bytes);
  uint32_t n = r->findings.len;
  u32(c, &n);
  if (c->out) {
    for (uint32_t i = 0; i < n; i++) visit_finding(c, &r->findings.items[i], nrules);
  } else {
    if (n > c->len - c->pos) c->bad = true;
    for (uint32_t i = 0; i < n && !c->bad; i++) {
      ms_array_push(&r->findings, ((ms_finding){0}));
      visit_finding(c, ms_array_back(&r->findings), nrules);
    }
  }
  visit_facts(c, &r->facts);
  ARRAY(c, &r->suppressions, visit_suppression);
  /* Not stored: config_uses (counted when applied) and source_path (a property of the scan). */
}

ms_status ms_result_codec_encode(const ms_file_result *r, ms_strbuf *out) {
  codec c = {out, NULL, 0, 0, false};
  ms_file_result copy = *r; /* visitors take non-const pointers; encoding only reads them */
  visit_result(&c, &copy, UINT32_MAX);
  return c.bad ? MS_ETOOBIG : MS_OK;
}

ms_status ms_result_codec_decode(const void *data, size_t len, uint32_t nrules, ms_file_result *out) {
  codec c = {NULL, data, 0, len, false};
  visit_result(&c, out, nrules);
  return c.bad || c.pos != len ? MS_EPARSE : MS_OK;
}
