/* Path strings: joining, display normalisation and glob matching. No file-system access. */
#ifndef MS_UTIL_PATH_H
#define MS_UTIL_PATH_H

#include <stdbool.h>

/** dir + "/" + name, without doubling the separator; "." as dir yields name. Caller frees. */
char *ms_path_join(const char *dir, const char *name);
/** The path as shown to users: leading "./" removed, repeated and trailing '/' collapsed. Caller frees. */
char *ms_path_display(const char *path);
/** The last component (borrowed pointer into path). */
const char *ms_path_basename(const char *path);
/** True when path is dir itself or lies below it (both absolute and normalised). */
bool ms_path_is_within(const char *path, const char *dir);
/** fnmatch(3)-style glob match of name against pattern ('*', '?', '[...]'). */
bool ms_path_glob_match(const char *pattern, const char *name);

/** Lexical normalisation: repeated '/' collapsed, "." components dropped, "x/.." removed
 * (leading ".." of a relative path kept; "/.." is "/"); "" becomes ".". Caller frees. */
char *ms_path_normalize(const char *path);
/** path (absolute, normalised) relative to base (absolute, normalised), with ".." steps
 * when it lies outside base; base itself gives ".". Caller frees. */
char *ms_path_relative(const char *path, const char *base);

#endif
