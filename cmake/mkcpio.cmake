# Script mode helper for pith_boot_image(): stage the files under their
# image names, then let GNU cpio write a reproducible newc archive.
#   -DOUTPUT=<archive> -DSTAGE=<dir> -DFILES=dest=src|dest=src|...
#   [-DSTRIP=<strip program> -DBINARY_DIR=<build tree>]: the programs built
#   here (ELF files under the build tree) are staged stripped (--strip-all):
#   the build tree keeps their symbols and debug information for debuggers,
#   the image (which the kernel, procsrv and fs walk at boot) carries only
#   what runs. Files from the source tree (test data, deliberately bad
#   ELF files) are packed byte for byte.
find_program(CPIO cpio)
if(NOT CPIO)
  message(FATAL_ERROR "cpio not found: apt-get install cpio")
endif()
file(REMOVE_RECURSE ${STAGE})
file(MAKE_DIRECTORY ${STAGE})
string(REPLACE "|" ";" pairs "${FILES}")
set(names "")
# MODES: dest=octal|dest=octal|... (owner root, as every file: -R 0:0).
string(REPLACE "|" ";" modes "${MODES}")
foreach(m IN LISTS modes)
  string(REGEX MATCH "^[^=]*" mdest "${m}")
  string(REGEX REPLACE "^[^=]*=" "" mval "${m}")
  set(MODE_${mdest} ${mval})
endforeach()

# Every file but the first (the root task, which the kernel copies) starts
# its data on a page boundary of the archive, so that the process server
# can map a program's text pages straight from the boot image, shared by
# every process that runs it. A newc entry is a 110-byte header and the
# name with its NUL, padded to 4, then the data, padded to 4: a padding
# file (".pad/<n>", spaces) before an entry moves it where it must be.
function(newc_len name_len data_len out)
  math(EXPR h "(110 + ${name_len} + 1 + 3) / 4 * 4")
  math(EXPR d "(${data_len} + 3) / 4 * 4")
  math(EXPR t "${h} + ${d}")
  set(${out} ${t} PARENT_SCOPE)
endfunction()
set(offset 0)
set(first TRUE)
set(npad 0)
foreach(p IN LISTS pairs)
  string(REGEX MATCH "^[^=]*" dest "${p}")
  string(REGEX REPLACE "^[^=]*=" "" src "${p}")
  # Stage the file first: its size in the archive is the staged copy's.
  get_filename_component(dir ${STAGE}/${dest} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  configure_file(${src} ${STAGE}/${dest} COPYONLY)
  file(READ ${STAGE}/${dest} magic LIMIT 4 HEX)
  string(FIND "${src}" "${BINARY_DIR}/" in_build)
  if(STRIP AND BINARY_DIR AND in_build EQUAL 0 AND magic STREQUAL "7f454c46")
    execute_process(COMMAND ${STRIP} --strip-all ${STAGE}/${dest}
      RESULT_VARIABLE src_rc)
    if(NOT src_rc EQUAL 0)
      message(FATAL_ERROR "${STRIP} --strip-all ${dest} failed")
    endif()
  endif()
  file(SIZE ${STAGE}/${dest} size)
  string(LENGTH "${dest}" dlen)
  if(NOT first)
    math(EXPR npad "${npad} + 1")
    set(pad ".pad/${npad}")
    string(LENGTH "${pad}" plen)
    newc_len(${plen} 0 pad_head)
    math(EXPR here "(110 + ${dlen} + 1 + 3) / 4 * 4")
    math(EXPR fill "(4096 - (${offset} + ${pad_head} + ${here}) % 4096) % 4096")
    string(REPEAT " " ${fill} spaces)
    file(WRITE ${STAGE}/${pad} "${spaces}")
    string(APPEND names "${pad}\n")
    newc_len(${plen} ${fill} adv)
    math(EXPR offset "${offset} + ${adv}")
  endif()
  set(first FALSE)
  if(DEFINED MODE_${dest})
    # A mode of its own (set-user-ID programs): pith_boot_image's MODES.
    execute_process(COMMAND chmod ${MODE_${dest}} ${STAGE}/${dest}
      RESULT_VARIABLE crc)
    if(NOT crc EQUAL 0)
      message(FATAL_ERROR "chmod ${MODE_${dest}} ${dest} failed")
    endif()
  endif()
  string(APPEND names "${dest}\n")
  newc_len(${dlen} ${size} adv)
  math(EXPR offset "${offset} + ${adv}")
endforeach()
file(WRITE ${STAGE}.list "${names}")
execute_process(COMMAND ${CPIO} --quiet -o -H newc --reproducible -R 0:0
  WORKING_DIRECTORY ${STAGE}
  INPUT_FILE ${STAGE}.list OUTPUT_FILE ${OUTPUT}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpio failed (${rc})")
endif()
