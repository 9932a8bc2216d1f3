# Cross toolchain for x86_64: Debian's clang and ld.lld. clang's x86 ELF
# driver would fall back to the host gcc to link, so we call ld.lld directly.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(PITH_ARCH x86_64 CACHE STRING "" FORCE)
set(PITH_TRIPLE x86_64-unknown-elf)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-common.cmake)
