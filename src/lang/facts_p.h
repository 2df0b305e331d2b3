/* Helpers shared by the per-language fact extractors (python_facts.c, javascript_facts.c):
 * the pre-order node collection, source slices and positions, literal building, docstring
 * cleaning and the sorted name tables for functions and constants. Private to src/lang/;
 * implemented in facts.c. Nothing here recurses on tree depth. */
#ifndef MS_LANG_FACTS_P_H
#define MS_LANG_FACTS_P_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/facts.h"
#include "util/array.h"
#include "util/strbuf.h"

/** Longest literal (description, name, URI) we build, in bytes; longer ones are dropped. */
#define MS_FACTS__MAX_LITERAL (1u << 20)
/** Nodes a literal evaluation may visit (guards against `A = B; B = A` and huge sums). */
#define MS_FACTS__EVAL_BUDGET 4096u

typedef ms_array(TSNode) ms_facts__nodes;

/** A name defined in the file (a function, or an assigned variable) and the node it
 * stands for (the function node, or the assigned value). */
typedef struct ms_facts__name {
  const char *s; /* borrowed slice of the source */
  uint32_t len;
  TSNode node;    /* of the first definition in source order */
  uint32_t count; /* definitions seen: a constant is only trusted when this is 1 */
} ms_facts__name;

typedef ms_array(ms_facts__name) ms_facts__names;

/** Appends to out, in pre-order (= source order), every node of root's tree whose type is
 * one of types (NULL-terminated). Iterative, O(nodes). */
void ms_facts__collect(TSNode root, const char *const *types, ms_facts__nodes *out);

/** A node kind whose subtree can hold a collected node only when its source text shows one
 * of the tokens every such node needs: one of chars, or one of words. With no chars and no
 * words the kind never holds one (its subtree is never walked). */
typedef struct ms_facts__guard {
  const char *type;
  const char *chars;
  const char *const *words; /* NULL-terminated, or NULL */
} ms_facts__guard;

/** A collection walk: the node types to collect and the guarded kinds whose subtrees it may
 * skip (see docs/internals/facts-walk.md for why each guard is right). Must be a static
 * object: it keys a per-grammar cache. */
typedef struct ms_facts__walk {
  const char *const *types;      /* NULL-terminated */
  const ms_facts__guard *guards; /* ends with a {NULL} entry, or NULL */
} ms_facts__walk;

/** ms_facts__collect over w->types in the tree parsed from text, not descending into a guarded node that has no syntax
 * error and whose text (after its first child when that is an anonymous leaf, the kind's own
 * opening token) shows none of its guard's tokens. Same result as ms_facts__collect
 * when the guards are right. */
void ms_facts__walk_collect(TSNode root, const ms_facts__walk *w, const char *text, uint32_t len, ms_facts__nodes *out);
/** The index in w->types of n's type (from the walk's per-grammar symbol map, one lookup
 * instead of a type test per listed kind), or -1. */
int ms_facts__walk_kind(const ms_facts__walk *w, TSNode n);
/** True when the text s[0..n) shows one of the guard's tokens. */
bool ms_facts__may_hold(const ms_facts__guard *g, const char *s, uint32_t n);
/** The walks of javascript_facts.c (JavaScript, TypeScript, TSX) and python_facts.c. */
extern const ms_facts__walk ms_facts__js_walk, ms_facts__py_walk;
/** ts_node_child_by_field_name(n, name) (a null node for a null n), with the field id looked
 * up once per grammar and name; name must be a string that outlives the process (a literal). */
TSNode ms_facts__field(TSNode n, const char *name);
/** Appends to out the named children of node that are not comments (out is cleared first). */
void ms_facts__children(TSNode node, ms_facts__nodes *out);
/** The first named non-comment child, or a null node. */
TSNode ms_facts__first_child(TSNode node);

/** The node's source text (borrowed) and its length, clamped to the text; empty for a null node. */
const char *ms_facts__text(const char *text, uint32_t len, TSNode node, uint32_t *out_len);
/** True when the node's text is exactly s. */
bool ms_facts__is(const char *text, uint32_t len, TSNode node, const char *s);
/** True when the node's type is t (false for a null node). t must be a string that outlives
 * the process and never changes (a literal, or a grammar's symbol name): its symbols are
 * looked up once per thread, grammar and pointer. */
bool ms_facts__type(TSNode node, const char *t);
/** True when symbol sym of lang is named t; t as for ms_facts__type. */
bool ms_facts__symbol_is(const TSLanguage *lang, TSSymbol sym, const char *t);
/** An owned, sanitised copy of the node's text. */
char *ms_facts__dup(const char *text, uint32_t len, TSNode node);
/** 1-based line and byte column (+1) of the node's start. */
uint32_t ms_facts__line(TSNode node);
uint32_t ms_facts__col(TSNode node);

/** Appends the UTF-8 encoding of cp (U+FFFD for surrogates and values past U+10FFFF). */
ms_status ms_facts__put_cp(ms_strbuf *b, uint32_t cp);
/** Value of n hex digits at s (all must be hex), or -1. */
int64_t ms_facts__hex(const char *s, uint32_t n);
/** A decimal integer literal (digits and `_` separators) in [0, 2^31), or -1. */
int64_t ms_facts__decimal(const char *s, uint32_t n);
/** An owned, sanitised copy of b's contents (b is cleared), or NULL when b overflowed. */
char *ms_facts__finish(ms_strbuf *b, bool overflow);
/** How a front end evaluates literal expressions: the parts every language shares (a binary
 * `+` of node type `plus` concatenates, `wrappers` stand for their first child, `names` for
 * the value they are bound to once in the file) are handled by ms_facts__eval_str/_int, and
 * `leaf` handles the language's own nodes (string literals, calls that reshape text): it
 * appends a value to sb or pushes the nodes that stand for it onto stack and returns true, or
 * returns false when the node has no literal value. */
typedef struct ms_facts__eval {
  const char *text;
  uint32_t len;
  const ms_facts__names *consts;
  ms_facts__nodes *stack; /* scratch, owned by the front end */
  ms_strbuf *sb;          /* scratch, owned by the front end */
  const char *plus;
  const char *const *wrappers, *const *names; /* NULL-terminated node types */
  bool (*leaf)(void *self, TSNode n, const char *type);
  void *self;
} ms_facts__eval;

/** The value of a string expression built from literals (iterative, at most
 * MS_FACTS__EVAL_BUDGET nodes and MS_FACTS__MAX_LITERAL bytes). Owned, or NULL. */
char *ms_facts__eval_str(const ms_facts__eval *ev, TSNode node);
/** A non-negative integer literal (node type int_type), through wrappers and names; -1
 * otherwise. */
int64_t ms_facts__eval_int(const ms_facts__eval *ev, TSNode n, const char *int_type);

/** inspect.cleandoc: strips the first line's leading blanks, the common indentation of the
 * others and leading/trailing blank lines. Returns a new owned string; frees doc. */
char *ms_facts__cleandoc(char *doc);

/** Adds a name (a slice of the source) standing for node. */
void ms_facts__names_add(ms_facts__names *self, const char *s, uint32_t len, TSNode node);
/** Sorts the table and merges repeated names (keeping the first definition, counting all);
 * call once after the last add and before any find. */
void ms_facts__names_freeze(ms_facts__names *self);
/** The value a name node stands for when the name is bound exactly once in the file (a
 * trustworthy constant); a null node otherwise. */
TSNode ms_facts__constant(const ms_facts__names *consts, const char *text, uint32_t len, TSNode name);
/** The entry named s[0..len), or NULL. Borrowed. */
const ms_facts__name *ms_facts__names_find(const ms_facts__names *self, const char *s, uint32_t len);

/** Fills h's function extent, lines and (when name is not null) function name. */
void ms_facts__set_function(ms_handler *h, const char *text, uint32_t len, TSNode fn, TSNode name);
/** Appends a parameter named by the node name_node. */
void ms_facts__add_param(ms_handler *h, const char *text, uint32_t len, TSNode name_node);

/** Records a metadata text built from node: takes value (owned; nothing is recorded when it
 * is NULL), copies owner and param (either may be NULL). */
void ms_facts__add_text(ms_facts *out, ms_handler_kind kind, ms_meta_field field, const char *owner,
                        const char *param, char *value, TSNode node);
/** Evaluates a node to an owned string, or NULL (a language extractor's eval_str or key name). */
typedef char *(*ms_facts__eval_fn)(void *self, TSNode node);
/** Records every `description` property of the JSON schema literal `schema` (pairs whose key
 * names "description"): the description of the property whose schema holds it, or of the
 * schema itself. scratch is cleared and used; key and eval read keys and values. */
void ms_facts__schema_texts(ms_facts *out, TSNode schema, ms_facts__nodes *scratch, ms_facts__eval_fn key,
                            ms_facts__eval_fn eval, void *self, ms_handler_kind kind, const char *owner);
/** Sorts out->texts[first..] by position and drops repeats of the same expression and field. */
void ms_facts__finish_texts(ms_facts *out, uint32_t first);
/* ---- security configuration (both languages) ---- */

/** True for a host that binds every interface: 0.0.0.0, ::, [::], "" or "*". */
bool ms_facts__all_interfaces(const char *host);
/** True for a loopback host: 127.0.0.1 (and 127.x), localhost, ::1, [::1]. */
bool ms_facts__loopback(const char *host);
/** True when a name looks like authentication (auth, bearer, token, jwt, api key, ...),
 * case-insensitively: what middleware on MCP routes is recognised by. */
bool ms_facts__authish(const char *s, uint32_t n);
/** Appends a fact with a site over node n to facts; what is copied. */
void ms_facts__add_auth(ms_facts *f, TSNode n, const char *what);
void ms_facts__add_host_check(ms_facts *f, TSNode n, bool enabled, const char *what);
/** host (owned, may be NULL) passes to the fact. */
void ms_facts__add_bind(ms_facts *f, TSNode n, const char *what, char *host, int64_t port, bool all_interfaces);
void ms_facts__add_cors(ms_facts *f, TSNode n, const char *what, bool reflects, bool credentials);

#endif
