# Compiler and linker flags for freestanding Pith code (kernel now, user
# programs later). Per-arch flags are the ones DESIGN.md section 2 fixes.
set(PITH_COMMON_CFLAGS
  -std=c11 -ffreestanding -nostdlibinc -fno-common -fno-stack-protector
  -fno-omit-frame-pointer -ffunction-sections -fdata-sections
  -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes
  -O2 -g)

if(PITH_ARCH STREQUAL "riscv64")
  set(PITH_ARCH_DIR riscv)
  set(PITH_KERNEL_CFLAGS -march=rv64imac -mabi=lp64 -mcmodel=medany -mno-relax)
elseif(PITH_ARCH STREQUAL "x86_64")
  set(PITH_ARCH_DIR x86)
  set(PITH_KERNEL_CFLAGS -mno-red-zone -mgeneral-regs-only -mcmodel=kernel
    -fno-pic -fno-pie)
endif()

# pith_kernel_target(<target>): apply kernel flags and include paths.
function(pith_kernel_target tgt)
  target_compile_options(${tgt} PRIVATE ${PITH_COMMON_CFLAGS} ${PITH_KERNEL_CFLAGS})
  target_include_directories(${tgt} PRIVATE
    ${CMAKE_SOURCE_DIR}/kernel/include
    ${CMAKE_SOURCE_DIR}/arch/${PITH_ARCH_DIR}/include)
  target_compile_definitions(${tgt} PRIVATE PITH_VERSION="${PROJECT_VERSION}")
endfunction()
