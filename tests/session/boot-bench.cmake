# The boot benchmark (cmake -P; the bench target runs it): how long the
# system takes from QEMU's start to the shell's first prompt.
#   -DDRIVE=<drive> -DCMD=<QEMU argv joined by |> -DDIR=<tests/session>
#   -DRUNS=<n> -DARCH=<arch>
# Prints BENCH lines: the wall time to the prompt (best and median of RUNS
# boots, plain TCG), and the instructions executed until the prompt, under
# -icount shift=0,sleep=off, from the kernel's busy time (uptime -n).
string(REPLACE "|" ";" cmd "${CMD}")
set(times)
foreach(i RANGE 1 ${RUNS})
  execute_process(COMMAND ${DRIVE} -v ${DIR}/boot-prompt.session -- ${cmd}
    OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT err MATCHES "matched after ([0-9.]+) s")
    message(FATAL_ERROR "boot ${i} did not reach the prompt:\n${err}")
  endif()
  list(APPEND times ${CMAKE_MATCH_1})
endforeach()
list(SORT times COMPARE NATURAL)
list(GET times 0 best)
math(EXPR mid "${RUNS} / 2")
list(GET times ${mid} median)
message("BENCH ${ARCH} boot_to_prompt_wall best ${best} s, median ${median} s (${RUNS} boots: ${times})")

execute_process(COMMAND ${DRIVE} ${DIR}/boot-uptime.session -- ${cmd}
  -icount shift=0,sleep=off
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
string(REGEX MATCHALL "up [0-9]+ busy [0-9]+ idle [0-9]+" runs "${out}")
list(LENGTH runs n)
if(NOT rc EQUAL 0 OR NOT n EQUAL 2)
  message(FATAL_ERROR "the -icount boot did not run uptime twice:\n${out}\n${err}")
endif()
list(GET runs 0 first)
list(GET runs 1 second)
string(REGEX REPLACE ".* busy ([0-9]+) .*" "\\1" b1 "${first}")
string(REGEX REPLACE ".* busy ([0-9]+) .*" "\\1" b2 "${second}")
math(EXPR cost "${b2} - ${b1}")
math(EXPR boot "${b1} - ${cost}")
message("BENCH ${ARCH} boot_to_prompt_instructions ${boot} (busy at the first uptime ${b1}, one typed uptime ${cost})")
