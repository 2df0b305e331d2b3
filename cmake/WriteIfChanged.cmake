# ms_write_if_changed(FILE CONTENT): writes FILE only when its content differs, so generated
# sources that did not change do not trigger a rebuild. Included by the generator scripts.
function(ms_write_if_changed file content)
  if(EXISTS "${file}")
    file(READ "${file}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${file}" "${content}")
endfunction()
