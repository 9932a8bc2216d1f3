# The syscall-doc check must fail when the header and the docs disagree:
# run it on the real files (must pass), then on copies with one change
# each (must fail, naming that change).
#
#   cmake -DCHECKER=<check_syscall_doc.cmake> -DHEADER=... -DDOC=...
#         -DPARTIAL=<docs/scheduling.md> -DWORK=<scratch dir> -P this

cmake_policy(VERSION 3.25)

foreach(var CHECKER HEADER DOC PARTIAL WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_syscall_doc_selftest: -D${var}= is missing")
  endif()
endforeach()

file(READ "${HEADER}" header_text)
file(READ "${DOC}" doc_text)
file(READ "${PARTIAL}" partial_text)

# run(<case> <header text> <doc text> <partial text> <expected output regex
# or "" for a pass>)
function(run name h d p expect)
  set(dir "${WORK}/${name}")
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${dir}/syscall.h" "${h}")
  file(WRITE "${dir}/syscalls.md" "${d}")
  file(WRITE "${dir}/scheduling.md" "${p}")
  execute_process(COMMAND ${CMAKE_COMMAND} -DHEADER=${dir}/syscall.h
    -DDOC=${dir}/syscalls.md -DPARTIAL_DOCS=${dir}/scheduling.md
    -P ${CHECKER}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  # CMake wraps long messages: one space for each run of white space.
  string(REGEX REPLACE "[ \t\n]+" " " err "${err}")
  set(bad "")
  if(expect STREQUAL "")
    if(NOT rc EQUAL 0)
      set(bad "expected a pass, got:\n${err}")
    endif()
  elseif(rc EQUAL 0)
    set(bad "expected a failure matching '${expect}', the check passed")
  elseif(NOT err MATCHES "${expect}")
    set(bad "expected a failure matching '${expect}', got:\n${err}")
  endif()
  if(bad)
    message(SEND_ERROR "case ${name}: ${bad}")
  else()
    message(STATUS "case ${name}: ok")
  endif()
endfunction()

# mutate(<case> <HEADER|DOC|PARTIAL> <regex> <replacement> <expected regex>)
function(mutate name which regex replacement expect)
  set(h "${header_text}")
  set(d "${doc_text}")
  set(p "${partial_text}")
  if(which STREQUAL "HEADER")
    set(var h)
  elseif(which STREQUAL "DOC")
    set(var d)
  else()
    set(var p)
  endif()
  string(REGEX REPLACE "${regex}" "${replacement}" new "${${var}}")
  if(new STREQUAL "${${var}}")
    message(SEND_ERROR "case ${name}: '${regex}' matches nothing in ${which}; update this test")
    return()
  endif()
  set(${var} "${new}")
  run(${name} "${h}" "${d}" "${p}" "${expect}")
endfunction()

run(unchanged "${header_text}" "${doc_text}" "${partial_text}" "")

# The header changes: a call added, removed, renumbered, its arguments
# changed, a call without an argument comment.
mutate(header-add HEADER "\n([ \t]*)SYS_COUNT"
  "\n\\1SYS_NEW_CALL,        /* (thing) */\n\\1SYS_COUNT"
  "no row for `SYS_NEW_CALL`")
mutate(header-remove HEADER "\n[ \t]*SYS_YIELD,[^\n]*" ""
  "`SYS_YIELD` is not in [^ ]+ \\(expected `SYS_[A-Z_]+` here\\)")
mutate(header-renumber HEADER "SYS_NULL = 0" "SYS_NULL = 100"
  "`SYS_NULL` is number 0 here but 100")
mutate(header-args HEADER "(SYS_UNMAP,[ \t]*/\\* \\(aspace), vaddr\\)"
  "\\1, flags)" "`SYS_UNMAP` takes `\\(aspace, vaddr\\)` here but")
mutate(header-no-comment HEADER "(SYS_UNMAP,)[^\n]*" "\\1"
  "SYS_UNMAP has no argument comment")

# The doc changes: a row added, removed, renumbered, its arguments
# changed, two rows swapped, a row in another layout.
mutate(doc-add DOC "(\n\\| 0 \\| `SYS_NULL`[^\n]*)"
  "\\1\n| 1 | `SYS_EXTRA` | `()` | 0 | — | — |"
  "`SYS_EXTRA` is not in")
mutate(doc-remove DOC "\n\\| [0-9]+ \\| `SYS_REPLY_TO`[^\n]*" ""
  "row[^\n]*`SYS_REPLY_TO`")
mutate(doc-renumber DOC "\n\\| [0-9]+ \\| `SYS_MAP`" "\n| 99 | `SYS_MAP`"
  "`SYS_MAP` is number 99 here but")
mutate(doc-args DOC "(\n\\| [0-9]+ \\| `SYS_UNMAP` \\| `\\([a-z]+), [a-z]+"
  "\\1, pool" "`SYS_UNMAP` takes `\\(aspace, pool\\)` here but")
mutate(doc-swap DOC "(\n\\| [0-9]+ \\| `SYS_UNMAP`[^\n]*)(\n\\| [0-9]+ \\| `SYS_PROTECT`[^\n]*)"
  "\\2\\1" "expected the row of `SYS_UNMAP` \\([0-9]+\\) here, found `SYS_PROTECT`")
mutate(doc-layout DOC "(\n\\| [0-9]+ \\| `SYS_UNMAP` \\| )`([^`]*)`" "\\1\\2"
  "not in the form")

# A partial doc (scheduling.md) row that drifted.
mutate(partial-args PARTIAL "(\n\\| [0-9]+ \\| `SYS_SCHED_SET` \\| `\\([^`]*), [a-z]+\\)`"
  "\\1)`" "scheduling.md:[0-9]+: `SYS_SCHED_SET` takes")
mutate(partial-renumber PARTIAL "\n\\| [0-9]+ \\| `SYS_YIELD`" "\n| 7 | `SYS_YIELD`"
  "scheduling.md:[0-9]+: `SYS_YIELD` is number 7 here")
