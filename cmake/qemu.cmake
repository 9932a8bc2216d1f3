# QEMU runner. arch/<arch>/CMakeLists.txt sets, in this scope:
#   PITH_QEMU            the qemu-system binary
#   PITH_QEMU_ARGS       machine arguments (no -kernel/-initrd)
#   PITH_QEMU_PASS       QEMU's exit status when the kernel reports success
# The targets below boot the normal kernel on the terminal (run) or halted
# for gdb on :1234 (debug).

# pith_qemu_command(<out-var> <kernel> <image> [extra args...])
function(pith_qemu_command out kernel image)
  set(${out} ${PITH_QEMU} ${PITH_QEMU_ARGS} -kernel ${kernel} -initrd ${image}
      ${ARGN} PARENT_SCOPE)
endfunction()

# pith_qemu_pass_command(<out-var> <kernel> <image> [extra args...]): the
# same boot, run through qemu-pass.cmake, so that it fails unless the
# kernel reported success (QEMU's status PITH_QEMU_PASS on either arch).
function(pith_qemu_pass_command out kernel image)
  pith_qemu_command(cmd ${kernel} ${image} ${ARGN})
  string(REPLACE ";" "|" packed "${cmd}")
  set(${out} ${CMAKE_COMMAND} "-DCMD=${packed}" -DPASS_STATUS=${PITH_QEMU_PASS}
      -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/qemu-pass.cmake PARENT_SCOPE)
endfunction()

function(pith_qemu_targets kernel_target image)
  set(kernel $<TARGET_FILE:${kernel_target}>)
  pith_qemu_command(cmd ${kernel} ${image} -serial mon:stdio)
  add_custom_target(run COMMAND ${cmd} DEPENDS ${kernel_target} bootimg
    USES_TERMINAL COMMENT "Booting Pith (${PITH_ARCH}); quit with Ctrl-A X")
  add_custom_target(debug COMMAND ${cmd} -s -S DEPENDS ${kernel_target} bootimg
    USES_TERMINAL
    COMMENT "Pith halted for gdb on localhost:1234 (see docs/debugging.md)")
endfunction()
