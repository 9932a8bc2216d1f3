# Runs one boot (CMD, a |-separated QEMU command line) on the terminal
# and fails unless QEMU ends with PASS_STATUS (the kernel's success: 0 on
# riscv64, 33 on x86_64's isa-debug-exit). pith_qemu_pass_command
# (qemu.cmake) builds the call; the bench and hostile-long targets use it.
string(REPLACE "|" ";" cmd "${CMD}")
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc)
if(NOT rc STREQUAL "${PASS_STATUS}")
  message(FATAL_ERROR "the boot ended with ${rc} (expected ${PASS_STATUS})")
endif()
