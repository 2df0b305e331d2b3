/* Baseline comparison; see baseline.h. Matching is one-to-one: each baseline entry absorbs
 * at most one current finding (fingerprints are unique within a file, an occurrence suffix
 * tells repeats apart). Exact (rule, path, fingerprint) matches are taken first, then the
 * renamed-file fallback (rule, fingerprint) among entries whose path is no longer scanned.
 * Both lookups are binary searches over sorted indexes, so large baselines stay cheap. */
#include "core/baseline.h"

#include <stdlib.h>
#include <string.h>

#include "util/path.h"
#include "util/xalloc.h"

typedef struct slot {
  const char *rule, *key, *fp;
  uint32_t entry;
  bool used;
} slot;

char *ms_baseline_key(const char *path, const char *cwd) {
  char *norm = ms_path_normalize(path);
  if (norm[0] != '/' || cwd == NULL) return norm;
  char *rel = ms_path_relative(norm, cwd);
  ms_free(norm);
  return rel;
}

static int cmp_exact(const void *a, const void *b) {
  const slot *x = *(slot *const *)a, *y = *(slot *const *)b;
  int c = strcmp(x->rule, y->rule);
  if (c == 0) c = strcmp(x->key, y->key);
  if (c == 0) c = strcmp(x->fp, y->fp);
  return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static int cmp_moved(const void *a, const void *b) {
  const slot *x = *(slot *const *)a, *y = *(slot *const *)b;
  int c = strcmp(x->rule, y->rule);
  if (c == 0) c = strcmp(x->fp, y->fp);
  return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The first unused slot of index (sorted by cmp) equal to probe under cmp's key fields. */
static slot *find(slot **index, uint32_t n, const slot *probe, int (*cmp)(const void *, const void *)) {
  uint32_t lo = 0, hi = n;
  slot p = *probe;
  p.entry = 0; /* entries compare last: 0 finds the first of equal keys */
  const slot *pp = &p;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (cmp(&index[mid], &pp) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < n; lo++) {
    slot *s = index[lo];
    slot q = *s;
    q.entry = 0;
    const slot *qp = &q;
    if (cmp(&qp, &pp) != 0) break;
    if (!s->used) return s;
  }
  return NULL;
}

static bool in_scope(const char *key, const ms_baseline_scope *scope) {
  for (uint32_t i = 0; i < scope->npaths; i++) {
    const char *p = scope->paths[i];
    size_t n = strlen(p);
    if (strcmp(p, ".") == 0 || strcmp(p, key) == 0 || (strncmp(key, p, n) == 0 && key[n] == '/')) return true;
  }
  return false;
}

void ms_baseline_compare(ms_scan_result *scan, const ms_ruleset *rules, ms_severity threshold,
                         ms_baseline_entries *base, const ms_baseline_scope *scope, ms_baseline_summary *out) {
  uint32_t n = base->len;
  slot *slots = ms_xcalloc(n ? n : 1, sizeof *slots);
  slot **exact = ms_xcalloc(n ? n : 1, sizeof *exact), **moved = ms_xcalloc(n ? n : 1, sizeof *moved);
  char **keys = ms_xcalloc(n ? n : 1, sizeof *keys);
  for (uint32_t i = 0; i < n; i++) {
    keys[i] = ms_baseline_key(base->items[i].path, scope->cwd);
    slots[i] = (slot){base->items[i].rule_id, keys[i], base->items[i].fingerprint, i, false};
    exact[i] = moved[i] = &slots[i];
  }
  if (n) {
    qsort(exact, n, sizeof *exact, cmp_exact);
    qsort(moved, n, sizeof *moved, cmp_moved);
  }
  char **files = ms_xcalloc(scan->nfiles ? scan->nfiles : 1, sizeof *files);
  for (uint32_t i = 0; i < scan->nfiles; i++) files[i] = ms_baseline_key(scan->files[i].path, scope->cwd);
  char **sorted_files = ms_xcalloc(scan->nfiles ? scan->nfiles : 1, sizeof *sorted_files);
  if (scan->nfiles) {
    memcpy(sorted_files, files, scan->nfiles * sizeof *files);
    qsort(sorted_files, scan->nfiles, sizeof *sorted_files, cmp_str);
  }

  /* Pass 1: same rule, path and fingerprint. Pass 2: a file that moved. */
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < scan->nfiles; i++) {
      ms_file_result *fr = &scan->files[i];
      for (uint32_t k = 0; k < fr->findings.len; k++) {
        ms_finding *f = &fr->findings.items[k];
        if (f->severity < threshold || f->baseline_state == MS_BASELINE_UNCHANGED || f->fingerprint == NULL) continue;
        slot probe = {ms_ruleset_get(rules, f->rule)->id, files[i], f->fingerprint, 0, false};
        slot *s = NULL;
        if (pass == 0) {
          s = find(exact, n, &probe, cmp_exact);
        } else {
          /* Among entries with this rule and fingerprint, one whose file is not scanned now. */
          uint32_t lo = 0;
          for (slot *cand; (cand = find(moved + lo, n - lo, &probe, cmp_moved)) != NULL;) {
            while (moved[lo] != cand) lo++;
            lo++;
            if (!bsearch(&cand->key, sorted_files, scan->nfiles, sizeof *sorted_files, cmp_str)) {
              s = cand;
              break;
            }
          }
        }
        if (s) s->used = true;
        f->baseline_state = s ? MS_BASELINE_UNCHANGED : MS_BASELINE_NEW;
      }
    }
  }

  ms_scan_result_recount(scan);
  for (uint32_t i = 0; i < scan->nfiles; i++) {
    const ms_file_result *fr = &scan->files[i];
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      if (f->severity < threshold || f->suppress_kind != MS_SUPPRESS_NONE) continue;
      if (f->baseline_state == MS_BASELINE_UNCHANGED) out->unchanged++;
      else out->new_count++;
    }
  }
  for (uint32_t i = 0; i < n; i++) {
    ms_baseline_entry *e = &base->items[i];
    if (!slots[i].used && e->severity >= threshold && in_scope(keys[i], scope)) {
      ms_free(e->path);
      e->path = keys[i];
      keys[i] = NULL;
      ms_array_push(&out->fixed, *e);
    } else {
      ms_baseline_entry_dispose(e);
    }
    ms_free(keys[i]);
  }
  base->len = 0;
  ms_array_free(base);
  for (uint32_t i = 0; i < scan->nfiles; i++) ms_free(files[i]);
  ms_free(files);
  ms_free(sorted_files);
  ms_free(keys);
  ms_free(slots);
  ms_free(exact);
  ms_free(moved);
}
