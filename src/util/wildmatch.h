/* Git's wildmatch: the glob dialect of .gitignore and pathspecs. '*' and '?' stop at '/',
 * '**' as a whole path component crosses directories, '[...]' classes (with '!' or '^',
 * ranges and [:name:]), and '\' escapes. No file-system access. */
#ifndef MS_UTIL_WILDMATCH_H
#define MS_UTIL_WILDMATCH_H

#include <stdbool.h>

/** True when text matches pattern with git's WM_PATHNAME semantics. */
bool ms_wildmatch(const char *pattern, const char *text);

#endif
