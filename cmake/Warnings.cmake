# Warning flags for our own code (not the generated grammar sources).
set(MS_WARNINGS
  -Wall -Wextra -Wshadow -Wpedantic -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
  -Wconversion -Wno-sign-conversion -Werror=incompatible-pointer-types -Wno-overlength-strings)
if(MS_WERROR)
  list(APPEND MS_WARNINGS -Werror)
endif()
