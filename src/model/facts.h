/* The MCP model of one file ("facts"): the tool, resource and prompt handlers it declares and
 * the transports it sets up. Extracted per language (lang/python_facts.c,
 * lang/javascript_facts.c) from the syntax tree; read by the worker (to name the tool a finding
 * sits in), by reporters (the inventory) and, later, by taint and project-level checks.
 * All strings are owned by the facts and valid UTF-8. */
#ifndef MS_MODEL_FACTS_H
#define MS_MODEL_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/array.h"

typedef enum ms_handler_kind {
  MS_HANDLER_TOOL = 0,
  MS_HANDLER_RESOURCE = 1,
  MS_HANDLER_PROMPT = 2,
} ms_handler_kind;

typedef struct ms_param {
  char *name;          /* as the handler sees it: "cmd"; for a low-level handler the arguments
                          object itself ("arguments", "args") */
  uint32_t line, col;  /* 1-based position of the parameter's name (col in bytes + 1) */
} ms_param;

typedef struct ms_handler {
  ms_handler_kind kind;
  char *name;          /* the tool/resource/prompt name: explicit, else the function name;
                          "*" for a low-level call_tool / CallToolRequestSchema dispatcher */
  char *description;   /* explicit description, else the docstring; NULL when none */
  char *uri;           /* resource URI or URI template; NULL otherwise */
  char *function;      /* the handler function's name, or NULL for an anonymous function */
  bool low_level;      /* inputs arrive as one arguments dict/object (params[0]) */
  ms_array(ms_param) params; /* the inputs (Context/extra parameters excluded) */
  uint32_t decl_line;  /* 1-based line of the registration (decorator or call) */
  uint32_t start_byte, end_byte; /* the handler function's extent (for "finding is inside") */
  uint32_t start_line, end_line; /* 1-based, of the handler function */
} ms_handler;

typedef enum ms_transport_kind {
  MS_TRANSPORT_STDIO = 0,
  MS_TRANSPORT_SSE = 1,
  MS_TRANSPORT_STREAMABLE_HTTP = 2,
} ms_transport_kind;

/* Where a fact sits in its file: all a project-level finding needs to report it without
 * reading the file again. The extractor sets the bytes; the worker fills in the rest. */
typedef struct ms_site {
  uint32_t start_byte, end_byte;
  uint32_t line, col;         /* 1-based; col counts code points (as finding spans do) */
  uint32_t end_line, end_col; /* end_col exclusive */
  char *snippet;              /* the first source line, trimmed (as a finding's snippet) */
  char *function;             /* the enclosing named function, or NULL */
} ms_site;

typedef struct ms_transport {
  ms_transport_kind kind;
  uint32_t line, col;  /* 1-based, of the call/constructor that sets it up */
  char *host;          /* bind host when visible as a literal, else NULL */
  int64_t port;        /* bind port when visible as a literal, else -1 */
  uint32_t site;       /* index into ms_facts.sites */
  bool sdk_guard;      /* Python FastMCP of the official SDK (>= 1.23) turns DNS-rebinding
                          protection on by itself for this transport: a high-level transport
                          whose host is loopback or the default */
} ms_transport;

/* Which piece of MCP metadata a text is. */
typedef enum ms_meta_field {
  MS_META_DESCRIPTION = 0, /* of a tool/resource/prompt: explicit, or the docstring */
  MS_META_TITLE = 1,       /* a tool/resource/prompt title */
  MS_META_PARAM = 2,       /* a parameter's description: Field(description=), zod .describe(),
                              a JSON-schema "description", PromptArgument(description=) */
  MS_META_NAME = 3,        /* a tool's name as written (impersonation, hidden characters) */
} ms_meta_field;

/** A text the server hands to the model as metadata (what tool poisoning hides in). */
typedef struct ms_meta_text {
  ms_handler_kind kind; /* what the owner is */
  ms_meta_field field;
  char *owner;          /* the tool/resource/prompt name when known, else NULL */
  char *param;          /* MS_META_PARAM: the parameter's name when known, else NULL */
  char *text;           /* the value: escapes decoded, concatenations joined, docstrings cleaned */
  uint32_t start_byte, end_byte; /* the expression it was built from (a docstring's string) */
} ms_meta_text;
/* Authentication configured for the MCP endpoints (or for the whole app). */
typedef struct ms_auth {
  char *what;          /* how, as written: "auth=", "token_verifier=", "requireBearerAuth()",
                          "middleware `authenticate`", "Authorization header check", ... */
  uint32_t site;
} ms_auth;

/* Origin/Host validation (DNS-rebinding protection) set up, or explicitly switched off. */
typedef struct ms_host_check {
  bool enabled;        /* false: written as disabled (enable_dns_rebinding_protection=False) */
  char *what;          /* "TransportSecuritySettings", "enableDnsRebindingProtection",
                          "createMcpExpressApp()", "hostHeaderValidation()", ... */
  uint32_t site;
} ms_host_check;

/* Where a network listener is bound (an MCP HTTP server or the web app hosting it). */
typedef struct ms_bind {
  char *what;          /* "FastMCP()", "run()", "uvicorn.run()", "settings.host", "listen()" */
  char *host;          /* literal host, or NULL when none is written */
  int64_t port;        /* literal port, or -1 */
  bool all_interfaces; /* 0.0.0.0 / :: written, or a listen() with no host (Node's default) */
  uint32_t site;
} ms_bind;

/* A CORS policy that admits every origin. */
typedef struct ms_cors {
  char *what;          /* "cors()", "origin: true", "allow_origins=[\"*\"]", ... */
  bool reflects;       /* the request's own Origin is echoed back */
  bool credentials;    /* credentials (cookies, Authorization) are allowed too */
  uint32_t site;
} ms_cors;

/* Which Python MCP package a file imports FastMCP from (decides SDK defaults). */
enum {
  MS_IMPORTS_MCP_SDK = 1u << 0,  /* mcp.server.fastmcp / mcp.server.mcpserver / mcp */
  MS_IMPORTS_FASTMCP = 1u << 1,  /* the standalone fastmcp package */
};

typedef struct ms_facts {
  ms_array(ms_handler) handlers;     /* in source order */
  ms_array(ms_transport) transports; /* in source order */
  ms_array(ms_meta_text) texts;      /* metadata texts, in source order of their expressions */
  ms_array(ms_site) sites;           /* referenced by index from the arrays below */
  ms_array(ms_auth) auths;           /* in source order */
  ms_array(ms_host_check) host_checks;
  ms_array(ms_bind) binds;
  ms_array(ms_cors) cors;
  uint32_t imports;                  /* MS_IMPORTS_* bits */
  ms_array(char *) modules;          /* modules the file imports that may be the project's own:
                                        JS relative specifiers as written ("./app.js"), Python
                                        dotted names with their leading dots (".app", "pkg.mod");
                                        at most MS_FACTS_MAX_MODULES. Links files into projects */
} ms_facts;

#define MS_FACTS_MAX_MODULES 256u

const char *ms_handler_kind_name(ms_handler_kind k);     /* "tool", "resource", "prompt" */
const char *ms_transport_kind_name(ms_transport_kind k); /* "stdio", "sse", "streamable-http" */
const char *ms_meta_field_name(ms_meta_field f);         /* "description", "title", "parameter", "name" */
/** The innermost handler whose function contains [start, end), or NULL. Borrowed. */
const ms_handler *ms_facts_handler_at(const ms_facts *self, uint32_t start, uint32_t end);
/** Appends a site covering [start_byte, end_byte) and returns its index; the worker fills in
 * its positions, snippet and function once the file's facts are extracted. */
uint32_t ms_facts_add_site(ms_facts *self, uint32_t start_byte, uint32_t end_byte);
/** Appends a copy of s[0..len) to modules (ignored past MS_FACTS_MAX_MODULES). */
void ms_facts_add_module(ms_facts *self, const char *s, uint32_t len);
/** Frees what a handler owns (for a handler not, or no longer, held by an ms_facts). */
void ms_handler_dispose(ms_handler *self);
void ms_facts_dispose(ms_facts *self);

#endif
