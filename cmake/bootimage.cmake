# pith_boot_image(<target> <output> <dest>=<source> ... [MODES <dest>=<octal> ...])
#
# Packs the listed files into a cpio "newc" archive, the boot image both
# arches load as their initrd. <dest> is the path inside the image. Every
# file is owned by root; its mode is its source's, or the one MODES gives
# (e.g. 4755 for a set-user-ID program).
function(pith_boot_image tgt output)
  cmake_parse_arguments(B "" "" "MODES" ${ARGN})
  set(pairs ${B_UNPARSED_ARGUMENTS})
  string(REPLACE ";" "|" modes "${B_MODES}")
  set(deps)
  foreach(p IN LISTS pairs)
    string(REGEX REPLACE "^[^=]*=" "" src "${p}")
    list(APPEND deps ${src})
  endforeach()
  # Sources may be generator expressions ($<TARGET_FILE:prog>).
  string(REPLACE ";" "|" packed "${pairs}")
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DFILES=${packed} "-DMODES=${modes}"
            -DSTAGE=${CMAKE_CURRENT_BINARY_DIR}/${tgt}.stage
            -DSTRIP=${CMAKE_STRIP} -DBINARY_DIR=${CMAKE_BINARY_DIR}
            -P ${CMAKE_SOURCE_DIR}/cmake/mkcpio.cmake
    DEPENDS ${deps} ${CMAKE_SOURCE_DIR}/cmake/mkcpio.cmake
    COMMENT "Packing boot image ${output}" VERBATIM)
  add_custom_target(${tgt} ALL DEPENDS ${output})
endfunction()
