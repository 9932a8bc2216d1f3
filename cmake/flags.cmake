# Compiler and linker flags for freestanding Pith code (kernel and user
# programs). Per-arch flags are the ones DESIGN.md section 2 fixes.
set(PITH_COMMON_CFLAGS
  -std=c11 -ffreestanding -nostdlibinc -fno-common -fno-stack-protector
  -fno-omit-frame-pointer -momit-leaf-frame-pointer -ffunction-sections
  -fdata-sections
  -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes
  -O2 -g)

# The kernel has no floating point (its FP-free flags below); user code
# has it, since the kernel keeps each task's FP/SIMD registers
# (docs/architecture.md). Every user object must use the same ABI: on
# RISC-V, lp64 and lp64d objects do not link together.
if(PITH_ARCH STREQUAL "riscv64")
  set(PITH_ARCH_DIR riscv)
  set(PITH_KERNEL_CFLAGS -march=rv64imac -mabi=lp64 -mcmodel=medany -mno-relax)
  set(PITH_USER_CFLAGS -march=rv64imafdc -mabi=lp64d -mcmodel=medany -mno-relax)
elseif(PITH_ARCH STREQUAL "x86_64")
  set(PITH_ARCH_DIR x86)
  set(PITH_KERNEL_CFLAGS -mno-red-zone -mgeneral-regs-only -mcmodel=kernel
    -fno-pic -fno-pie)
  # x86_64's baseline has SSE2; doubles travel in xmm registers.
  set(PITH_USER_CFLAGS -mcmodel=small -fno-pic -fno-pie)
endif()

# pith_kernel_target(<target>): apply kernel flags and include paths.
function(pith_kernel_target tgt)
  target_compile_options(${tgt} PRIVATE ${PITH_COMMON_CFLAGS} ${PITH_KERNEL_CFLAGS})
  target_include_directories(${tgt} PRIVATE
    ${CMAKE_SOURCE_DIR}/kernel/include
    ${CMAKE_SOURCE_DIR}/arch/${PITH_ARCH_DIR}/include)
  target_compile_definitions(${tgt} PRIVATE PITH_VERSION="${PROJECT_VERSION}")
endfunction()

# pith_user_target(<target>): flags and include paths of user code. User
# programs see libc's headers and the kernel/user ABI (<uapi/...>), nothing
# else of the kernel: the ABI directory is reached through a directory of
# its own in the build tree holding one link, uapi -> kernel/include/uapi.
set(PITH_UAPI_ROOT ${CMAKE_BINARY_DIR}/uapi-root)
file(MAKE_DIRECTORY ${PITH_UAPI_ROOT})
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/kernel/include/uapi ${PITH_UAPI_ROOT}/uapi
  SYMBOLIC)
function(pith_user_target tgt)
  target_compile_options(${tgt} PRIVATE ${PITH_COMMON_CFLAGS} ${PITH_USER_CFLAGS})
  target_include_directories(${tgt} PRIVATE
    ${CMAKE_SOURCE_DIR}/libc/include
    ${CMAKE_SOURCE_DIR}/libc/arch/${PITH_ARCH_DIR}/include
    ${PITH_UAPI_ROOT})
endfunction()

# pith_user_program(<target> <sources>...): a static Pith program
# (<target>.elf in the build directory of its folder).
function(pith_user_program tgt)
  add_executable(${tgt} ${ARGN} $<TARGET_OBJECTS:pithc>)
  pith_user_target(${tgt})
  set_target_properties(${tgt} PROPERTIES SUFFIX ".elf"
    LINK_DEPENDS ${CMAKE_SOURCE_DIR}/libc/user.ld)
  target_link_options(${tgt} PRIVATE -T ${CMAKE_SOURCE_DIR}/libc/user.ld
    --gc-sections -nostdlib -static "SHELL:-z max-page-size=4096")
endfunction()

# pith_posix_program(<target> <sources>...): a program started as a POSIX
# process, main(argc, argv, envp) from the System V initial stack
# (libc/arch/<arch>/crt0.S, _start_process), rather than as a task with
# one argument.
function(pith_posix_program tgt)
  pith_user_program(${tgt} ${ARGN})
  target_link_options(${tgt} PRIVATE -e _start_process)
endfunction()
