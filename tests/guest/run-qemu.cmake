# Guest test harness (cmake -P). Runs one QEMU command with a timeout and
# judges the console output and exit status.
#   -DCMD=<argv joined by |>  -DTIMEOUT=<s>  -DPASS_STATUS=<QEMU exit on pass>
#   -DINPUT=<file>  what the guest's serial port receives (QEMU's stdin)
#   -DMODE=selftest  every "TEST <name> PASS|FAIL" line, then a closing
#                    "N passed, M failed" that agrees with them; QEMU's exit
#                    status must say pass exactly when M = 0 and N > 0.
#   -DMODE=crash     the kernel must report "PANIC: kernel trap: <EXPECT>"
#                    (or a diagnosis "PANIC: <EXPECT>..." on the line before
#                    "kernel trap: ..."), its registers and a backtrace, and
#                    exit with fail.
#   -DMODE=boot      the normal kernel must print its banner, memory and boot
#                    image, start procsrv, init must run /etc/rc and the
#                    shell prompt; it is stopped at the timeout.
#   -DMODE=halt      the system's job halts it: QEMU must exit by itself
#                    with status 0 (both arches) after "pith: power off".
#   -DMODE=expect    a system that keeps running (init): stopped at the
#                    timeout, its console must show every pattern of EXPECT
#                    (regular expressions separated by "@@"), in order, and
#                    no kernel panic.
string(REPLACE "|" ";" cmd "${CMD}")
execute_process(COMMAND ${cmd}
  TIMEOUT ${TIMEOUT}
  INPUT_FILE ${INPUT}
  OUTPUT_VARIABLE out ERROR_VARIABLE err
  RESULT_VARIABLE rc)
string(REPLACE "\r" "" out "${out}")
message("${out}")
if(err)
  message("qemu stderr: ${err}")
endif()
set(timed_out FALSE)
if(NOT rc MATCHES "^[0-9]+$")
  set(timed_out TRUE)
endif()

set(problems "")
macro(problem text)
  list(APPEND problems "${text}")
endmacro()

if(MODE STREQUAL "selftest")
  string(REGEX MATCHALL "(^|\n)TEST [^ \n]+ PASS(\n|$)" passes "${out}")
  string(REGEX MATCHALL "(^|\n)TEST [^ \n]+ FAIL(\n|$)" fails "${out}")
  list(LENGTH passes npass)
  list(LENGTH fails nfail)
  if(timed_out)
    problem("QEMU did not exit within ${TIMEOUT} s (${rc})")
  endif()
  if(NOT out MATCHES "\n([0-9]+) passed, ([0-9]+) failed\n")
    problem("no closing 'N passed, N failed' line")
  else()
    set(said_pass ${CMAKE_MATCH_1})
    set(said_fail ${CMAKE_MATCH_2})
    if(NOT said_pass EQUAL npass OR NOT said_fail EQUAL nfail)
      problem("closing line says ${said_pass}/${said_fail}, TEST lines say ${npass}/${nfail}")
    endif()
    if(said_pass EQUAL 0)
      problem("no test ran")
    endif()
  endif()
  if(nfail GREATER 0)
    problem("${nfail} test(s) failed")
  endif()
  if(NOT timed_out)
    if(nfail EQUAL 0 AND NOT rc EQUAL PASS_STATUS)
      problem("QEMU exit status ${rc} is not the pass status ${PASS_STATUS}")
    elseif(nfail GREATER 0 AND rc EQUAL PASS_STATUS)
      problem("tests failed but QEMU exited with the pass status")
    endif()
  endif()
elseif(MODE STREQUAL "crash")
  if(timed_out)
    problem("the kernel hung instead of reporting the trap")
  elseif(rc EQUAL PASS_STATUS)
    problem("QEMU exited with the pass status after a crash")
  endif()
  if(NOT out MATCHES "PANIC: kernel trap: ${EXPECT} at pc" AND
     NOT out MATCHES "PANIC: ${EXPECT}[^\n]*\nkernel trap: [a-z ]+ at pc")
    problem("no 'PANIC: kernel trap: ${EXPECT}' or 'PANIC: ${EXPECT}' report")
  endif()
  if(NOT out MATCHES "backtrace:\n  #")
    problem("no backtrace")
  endif()
elseif(MODE STREQUAL "boot")
  foreach(want "Pith [0-9.]+ on " "memory: [0-9]+ frames" "boot image: [0-9]+ files"
               "timer: " "root task: sbin/procsrv" "boot complete"
               "procsrv: started /sbin/init as pid 1" "rc: starting the system"
               "rc: done" "\n# ")
    if(NOT out MATCHES "${want}")
      problem("missing '${want}' in the boot log")
    endif()
  endforeach()
  if(out MATCHES "PANIC")
    problem("the kernel panicked")
  endif()
  # The boot image's files are listed only when the command line asks
  # (EXPECT=bootlist with -append bootlist); a plain boot prints the summary.
  set(listed FALSE)
  if(out MATCHES "\n  100755 +[0-9]+  sbin/procsrv\r?\n" AND
     out MATCHES "\n  100755 +[0-9]+  bin/sh\r?\n" AND
     out MATCHES "\n  100644 +[0-9]+  etc/inittab\r?\n")
    set(listed TRUE)
  endif()
  if(EXPECT STREQUAL "bootlist" AND NOT listed)
    problem("-append bootlist did not list the boot image's files")
  elseif(NOT EXPECT STREQUAL "bootlist" AND out MATCHES "\n  100755 ")
    problem("the boot image's files were listed without bootlist")
  endif()
elseif(MODE STREQUAL "halt")
  # halt: the system switches itself off; QEMU's status is 0 on every arch.
  if(timed_out)
    problem("the system did not switch itself off")
  elseif(NOT rc EQUAL 0)
    problem("QEMU exited with ${rc}, not 0")
  endif()
  foreach(want "halt.sh: halting" "procsrv: power off, asked by pid" "pith: power off")
    if(NOT out MATCHES "${want}")
      problem("missing '${want}' on the console")
    endif()
  endforeach()
  if(out MATCHES "still running after halt" OR out MATCHES "PANIC")
    problem("something ran after halt, or the kernel panicked")
  endif()
elseif(MODE STREQUAL "expect")
  string(REPLACE "@@" ";" wants "${EXPECT}")
  set(rest "${out}")
  foreach(want IN LISTS wants)
    string(REGEX MATCH "${want}.*" found "${rest}")
    if(NOT found)
      problem("missing '${want}' (in this order) on the console")
    else()
      set(rest "${found}")
    endif()
  endforeach()
  if(out MATCHES "PANIC")
    problem("the kernel panicked")
  endif()
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "guest test failed:\n  ${text}")
endif()
message("guest test passed")
