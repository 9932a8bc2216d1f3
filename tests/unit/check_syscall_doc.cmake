# Check that the system-call tables in the docs match the ABI header.
#
#   cmake -DHEADER=<uapi/syscall.h> -DDOC=<docs/syscalls.md>
#         [-DPARTIAL_DOCS=<a.md>,<b.md>] -P check_syscall_doc.cmake
#
# The header is the truth. Each enumerator of its SYS_* enum, except the
# SYS_COUNT terminator, sits on a line of its own with a comment that
# starts with its argument list in parentheses (no nested parentheses):
#
#   SYS_MAP,             /* (aspace, frame, vaddr, rights) */
#
# DOC's "Calls" table must have one row per enumerator, in order, nothing
# extra; the first three cells are the number, the name in backticks and
# that argument list, verbatim, in backticks:
#
#   | 10 | `SYS_MAP` | `(aspace, frame, vaddr, rights)` | ...
#
# A PARTIAL_DOCS file repeats some rows (same format, any order); each
# must agree with the header. The first mismatch stops the check with a
# message naming it. A table row is a line whose second cell starts with
# `SYS_; a row of that kind in another layout is a mismatch too.

cmake_policy(VERSION 3.25)

foreach(var HEADER DOC)
  if(NOT DEFINED ${var} OR NOT EXISTS "${${var}}")
    message(FATAL_ERROR "check_syscall_doc: -D${var}=<file> is missing or names no file")
  endif()
endforeach()

# A file as a CMake list of lines. Semicolons and square brackets would
# split or glue list elements, so they are swapped for placeholders first
# and swapped back in messages (show()).
function(read_lines file out)
  file(READ "${file}" text)
  string(REPLACE ";" "<SEMI>" text "${text}")
  string(REPLACE "[" "<LSQB>" text "${text}")
  string(REPLACE "]" "<RSQB>" text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(show text out)
  string(REPLACE "<SEMI>" ";" text "${text}")
  string(REPLACE "<LSQB>" "[" text "${text}")
  string(REPLACE "<RSQB>" "]" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(fail msg)
  show("${msg}" msg)
  message(FATAL_ERROR "syscall docs out of date: ${msg}")
endfunction()

# ---- the header: names, numbers, argument lists ----------------------------
read_lines("${HEADER}" lines)
set(names)
set(value 0)
set(lineno 0)
foreach(line IN LISTS lines)
  math(EXPR lineno "${lineno} + 1")
  if(NOT line MATCHES "^[ \t]*(SYS_[A-Z0-9_]+)[ \t]*(=[ \t]*([0-9]+))?[ \t]*(,|$)(.*)$")
    continue()
  endif()
  set(name "${CMAKE_MATCH_1}")
  set(explicit "${CMAKE_MATCH_3}")
  set(rest "${CMAKE_MATCH_5}")
  if(NOT explicit STREQUAL "")
    set(value "${explicit}")
  endif()
  if(name STREQUAL "SYS_COUNT")
    break()
  endif()
  if(NOT rest MATCHES "^[ \t]*/\\*[ \t]*(\\([^()]*\\))")
    fail("${HEADER}:${lineno}: ${name} has no argument comment; write it as `${name},  /* (arg, arg, ...) ... */` on the same line")
  endif()
  if(DEFINED num_${name})
    fail("${HEADER}:${lineno}: ${name} appears twice")
  endif()
  list(APPEND names ${name})
  set(num_${name} ${value})
  set(args_${name} "${CMAKE_MATCH_1}")
  math(EXPR value "${value} + 1")
endforeach()
list(LENGTH names ncalls)
if(ncalls EQUAL 0)
  fail("${HEADER}: no SYS_* enumerators found")
endif()

# ---- a doc's rows ----------------------------------------------------------
# Sets <prefix>_rows to the row indices and, per row i, <prefix>_line_i,
# <prefix>_num_i, <prefix>_name_i, <prefix>_args_i.
function(read_rows file prefix)
  read_lines("${file}" lines)
  set(rows)
  set(i 0)
  set(lineno 0)
  foreach(line IN LISTS lines)
    math(EXPR lineno "${lineno} + 1")
    if(NOT line MATCHES "^[ \t]*\\|[^|]*\\|[ \t]*`SYS_")
      continue()
    endif()
    if(NOT line MATCHES "^[ \t]*\\|[ \t]*([0-9]+)[ \t]*\\|[ \t]*`(SYS_[A-Z0-9_]+)`[ \t]*\\|[ \t]*`(\\([^`]*\\))`[ \t]*\\|")
      fail("${file}:${lineno}: a system-call row not in the form | number | `SYS_NAME` | `(arguments)` | ...: ${line}")
    endif()
    list(APPEND rows ${i})
    set(${prefix}_line_${i} ${lineno} PARENT_SCOPE)
    set(${prefix}_num_${i} "${CMAKE_MATCH_1}" PARENT_SCOPE)
    set(${prefix}_name_${i} "${CMAKE_MATCH_2}" PARENT_SCOPE)
    set(${prefix}_args_${i} "${CMAKE_MATCH_3}" PARENT_SCOPE)
    math(EXPR i "${i} + 1")
  endforeach()
  set(${prefix}_rows "${rows}" PARENT_SCOPE)
endfunction()

# One row against the header's entry of the same name.
macro(check_row file prefix i)
  set(_at "${file}:${${prefix}_line_${i}}")
  set(_name "${${prefix}_name_${i}}")
  if(NOT DEFINED num_${_name})
    fail("${_at}: `${_name}` is not in ${HEADER}")
  endif()
  if(NOT "${${prefix}_num_${i}}" STREQUAL "${num_${_name}}")
    fail("${_at}: `${_name}` is number ${${prefix}_num_${i}} here but ${num_${_name}} in ${HEADER}")
  endif()
  if(NOT "${${prefix}_args_${i}}" STREQUAL "${args_${_name}}")
    fail("${_at}: `${_name}` takes `${${prefix}_args_${i}}` here but `${args_${_name}}` in ${HEADER}")
  endif()
endmacro()

# ---- DOC: the whole table, in order ----------------------------------------
read_rows("${DOC}" doc)
set(i 0)
foreach(name IN LISTS names)
  if(NOT DEFINED doc_name_${i})
    fail("${DOC}: no row for `${name}` (${num_${name}}) after the last row; every call in ${HEADER} needs one")
  endif()
  if(NOT doc_name_${i} STREQUAL name)
    if(DEFINED num_${doc_name_${i}})
      fail("${DOC}:${doc_line_${i}}: expected the row of `${name}` (${num_${name}}) here, found `${doc_name_${i}}`: rows missing or out of order")
    else()
      fail("${DOC}:${doc_line_${i}}: `${doc_name_${i}}` is not in ${HEADER} (expected `${name}` here)")
    endif()
  endif()
  check_row("${DOC}" doc ${i})
  math(EXPR i "${i} + 1")
endforeach()
if(DEFINED doc_name_${i})
  fail("${DOC}:${doc_line_${i}}: `${doc_name_${i}}` comes after the last call of ${HEADER}")
endif()

# ---- PARTIAL_DOCS: each row agrees -----------------------------------------
string(REPLACE "," ";" partial "${PARTIAL_DOCS}")
foreach(file IN LISTS partial)
  if(NOT EXISTS "${file}")
    fail("PARTIAL_DOCS names ${file}, which does not exist")
  endif()
  read_rows("${file}" part)
  foreach(i IN LISTS part_rows)
    check_row("${file}" part ${i})
  endforeach()
endforeach()

message(STATUS "${ncalls} system calls: ${DOC} agrees with ${HEADER}")
