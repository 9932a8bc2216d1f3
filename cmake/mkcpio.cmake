# Script mode helper for pith_boot_image(): stage the files under their
# image names, then let GNU cpio write a reproducible newc archive.
#   -DOUTPUT=<archive> -DSTAGE=<dir> -DFILES=dest=src|dest=src|...
find_program(CPIO cpio)
if(NOT CPIO)
  message(FATAL_ERROR "cpio not found: apt-get install cpio")
endif()
file(REMOVE_RECURSE ${STAGE})
file(MAKE_DIRECTORY ${STAGE})
string(REPLACE "|" ";" pairs "${FILES}")
set(names "")
foreach(p IN LISTS pairs)
  string(REGEX MATCH "^[^=]*" dest "${p}")
  string(REGEX REPLACE "^[^=]*=" "" src "${p}")
  get_filename_component(dir ${STAGE}/${dest} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  configure_file(${src} ${STAGE}/${dest} COPYONLY)
  string(APPEND names "${dest}\n")
endforeach()
file(WRITE ${STAGE}.list "${names}")
execute_process(COMMAND ${CPIO} --quiet -o -H newc --reproducible -R 0:0
  WORKING_DIRECTORY ${STAGE}
  INPUT_FILE ${STAGE}.list OUTPUT_FILE ${OUTPUT}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpio failed (${rc})")
endif()
