# Cross toolchain for riscv64: Debian's clang and ld.lld, no GNU cross tools.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(PITH_ARCH riscv64 CACHE STRING "" FORCE)
set(PITH_TRIPLE riscv64-unknown-elf)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-common.cmake)
