# Programs from a folder, yours or Pith's, into the boot image.
#
# pith_program_folder(<folder> <out-var> [PREFIX <target-prefix>])
#   Every C file <name>.c of <folder> becomes a POSIX program (libc,
#   main(argc, argv, envp)) packed as /bin/<name>; every <name>.sh is
#   packed as /bin/<name>.sh as it is (a `#!` script: mark it executable).
#   <out-var> receives the boot-image entries (dest=source) to give
#   pith_boot_image(). Targets are named <prefix><name>.
#
# The option PITH_PROGRAMS names a folder outside Pith built this way into
# the system image (boot-system.img); each of its programs gets a target
#   run-<name>: boot the system with init=/bin/<name>: the program runs
#   as the system's only job (pid 1) and QEMU ends with its exit status.
# See docs/processes.md, "Running your own programs".
function(pith_program_folder dir out)
  cmake_parse_arguments(P "" "PREFIX" "" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.c)
  file(GLOB scripts CONFIGURE_DEPENDS ${dir}/*.sh)
  set(pairs)
  foreach(src IN LISTS sources)
    get_filename_component(name ${src} NAME_WE)
    pith_posix_program(${P_PREFIX}${name} ${src})
    target_include_directories(${P_PREFIX}${name} PRIVATE ${dir})
    list(APPEND pairs bin/${name}=$<TARGET_FILE:${P_PREFIX}${name}>)
  endforeach()
  foreach(src IN LISTS scripts)
    get_filename_component(name ${src} NAME)
    list(APPEND pairs bin/${name}=${src})
  endforeach()
  set(${out} ${pairs} PARENT_SCOPE)
endfunction()
