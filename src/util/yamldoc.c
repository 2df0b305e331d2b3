/* One YAML document from a string; see yamldoc.h. */
#include "util/yamldoc.h"

ms_status ms_yamldoc_load(yaml_document_t *doc, const char *path, const char *text, size_t len, ms_error *err) {
  yaml_parser_t parser;
  ms_status st = MS_OK;
  if (!yaml_parser_initialize(&parser)) return ms_error_set(err, MS_ERR, path, 0, 0, "cannot initialise the YAML parser");
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  if (!yaml_parser_load(&parser, doc))
    st = ms_error_set(err, MS_EPARSE, path, (uint32_t)parser.problem_mark.line + 1,
                      (uint32_t)parser.problem_mark.column + 1, "invalid YAML: %s%s%s",
                      parser.problem ? parser.problem : "syntax error", parser.context ? " " : "",
                      parser.context ? parser.context : "");
  yaml_parser_delete(&parser);
  return st;
}
