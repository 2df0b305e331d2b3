/* Internals of the Python front end, shared by its files: python_facts.c (calls, handlers,
 * metadata, transports and the walk), python_literals.c (string and integer literals) and
 * python_security.c (authentication, host checks, binds, CORS and imports). Private to
 * src/lang/. */
#ifndef MS_LANG_PYTHON_P_H
#define MS_LANG_PYTHON_P_H

#include <string.h>

#include "lang/facts_p.h"

typedef struct ms_python_binding {
  char *host;   /* owned, NULL when not seen */
  int64_t port; /* -1 when not seen */
} ms_python_binding;

/* The state of one file's extraction. */
typedef struct ms_python {
  const char *text;
  uint32_t len;
  ms_facts *out;
  uint32_t first_transport;     /* out->transports.len on entry */
  ms_array(bool) mounted;       /* per new transport: an ASGI app / low-level transport */
  ms_array(bool) high_level;    /* per new transport: set up by a FastMCP method */
  ms_facts__nodes nodes;        /* collected in source order */
  ms_facts__nodes decos, kids, params, stack, pairs, items; /* scratch */
  ms_facts__nodes fields;       /* `Field(...)` calls, examined after the handlers are known */
  ms_facts__names funcs;        /* function name -> function_definition */
  ms_facts__names consts;       /* assigned name -> value */
  ms_facts__names servers;      /* receiver texts of registrations, `x = FastMCP(...)` targets */
  ms_strbuf sb;
  ms_python_binding ctor;       /* FastMCP(...)/MCPServer(...) keywords, x.settings.host/port */
  ms_python_binding uvicorn;    /* uvicorn.run/Config(app, host=..., port=...) */
  bool ctor_security;           /* the constructor is given transport_security=... */
  /* The last call ms_python__call_parts looked at: the walk asks about each call several
   * times, and field lookups walk the call's children. */
  TSNode memo_call, memo_recv, memo_name, memo_args;
  bool memo_ok;
} ms_python;

static inline TSNode field(TSNode n, const char *name) { return ms_facts__field(n, name); }

static inline bool is(ms_python *p, TSNode n, const char *s) { return ms_facts__is(p->text, p->len, n, s); }

static inline bool text_in(ms_python *p, TSNode n, const char *const *set) {
  for (; *set; set++)
    if (is(p, n, *set)) return true;
  return false;
}

/* python_literals.c */
/** `string` or `concatenated_string`. */
bool ms_python__is_string(TSNode n);
/** The value of a string expression built from literals (see the definition), owned, or NULL. */
char *ms_python__eval_str(ms_python *p, TSNode node);
/** A non-negative integer literal, or a name assigned one exactly once; -1 otherwise. */
int64_t ms_python__eval_int(ms_python *p, TSNode n);

/* python_facts.c */
/** The value of keyword argument `name` in an argument_list, or a null node. */
TSNode ms_python__kwarg(ms_python *p, TSNode args, const char *name);
/** The i-th positional argument, or a null node. */
TSNode ms_python__posarg(ms_python *p, TSNode args, uint32_t i);
/** A call's method name and receiver: `recv.name(...)` or `name(...)` (recv null). */
bool ms_python__callee(TSNode call, TSNode *recv, TSNode *name);
/** ms_python__callee of call (a `call` node) and its argument list, remembered for the last
 * call asked about. */
bool ms_python__call_parts(ms_python *p, TSNode call, TSNode *recv, TSNode *name, TSNode *args);
/** recv is a name the file registers handlers on or assigns a server to. */
bool ms_python__known_server(ms_python *p, TSNode recv);
/** `FastMCP(...)` / `MCPServer(...)`. */
bool ms_python__is_server_ctor(ms_python *p, TSNode c);

/* python_security.c: called by the walk for each node of these kinds */
void ms_python__security_call(ms_python *p, TSNode c);
void ms_python__security_subscript(ms_python *p, TSNode n);
void ms_python__security_assignment(ms_python *p, TSNode n);
void ms_python__imports(ms_python *p, TSNode n);

#endif
