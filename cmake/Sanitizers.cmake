# MS_SANITIZE: "address;undefined" or "thread" (empty: none). Applied to every target.
if(MS_SANITIZE)
  string(REPLACE ";" "," _ms_san "${MS_SANITIZE}")
  add_compile_options(-fsanitize=${_ms_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_ms_san})
endif()
