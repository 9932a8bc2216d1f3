# unit-libc-names: every global symbol the host build of libc defines
# (LIB, read with NM) must carry names.h's pith_ prefix (or be one of
# libc's internal __pith_ / kernel-engine names), or it would replace the
# host libc's symbol of the same name in the test executables.
execute_process(COMMAND ${NM} --defined-only -g ${LIB}
  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${LIB}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(bad "")
foreach(line IN LISTS lines)
  if(line MATCHES "^[0-9a-fA-F]+ [TDBRVW] (.+)$")
    set(sym ${CMAKE_MATCH_1})
    if(NOT sym MATCHES "^(pith_|__pith_|fmt_|kvsnprintf$|ksnprintf$|__odr_asan|__asan|__ubsan|__sancov)")
      list(APPEND bad ${sym})
    endif()
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "not renamed by tests/unit/libc/names.h: ${bad}")
endif()
message(STATUS "every host libc global is renamed")
