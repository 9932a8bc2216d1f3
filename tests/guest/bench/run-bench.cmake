# Runs one benchmark boot (CMD, a |-separated QEMU command line) on the
# terminal and fails unless QEMU ends with PASS_STATUS (the kernel's
# success: 0 on riscv64, 33 on x86_64's isa-debug-exit), so that the
# `bench` target can run several boots in a row on both arches.
string(REPLACE "|" ";" cmd "${CMD}")
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc)
if(NOT rc STREQUAL "${PASS_STATUS}")
  message(FATAL_ERROR "benchmark boot ended with ${rc} (expected ${PASS_STATUS})")
endif()
