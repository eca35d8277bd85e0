# install.cmake — what `cmake --install build --prefix P` puts where, and
# the three .debs that `cpack -G DEB` makes from the same rules (one per
# install component):
#   notice-gen (component program):
#     P/bin/notice-gen                      the program (the library linked in)
#     P/share/notice-gen/{templates,data,fonts}  what the program and library read
#     P/share/man/man1/notice-gen.1.gz      the manual
#     P/share/bash-completion/completions/notice-gen, P/share/zsh/vendor-completions/_notice-gen
#     P/share/locale/ja/LC_MESSAGES/notice-gen.mo  the Japanese messages
#   libnoticegen0 (component library):
#     P/LIBDIR/libnoticegen.so.0{,.1.0}     the shared library (SONAME libnoticegen.so.0)
#   libnoticegen-dev (component development):
#     P/LIBDIR/libnoticegen.{so,a}          the link-time symlink and the static library
#     P/include/notice_gen.h                its one header
#     P/LIBDIR/pkgconfig/notice-gen.pc      for pkg-config --cflags --libs
# LIBDIR is lib/x86_64-linux-gnu on Debian (CMakeLists.txt). Each package
# has its copyright (generated from LICENSE) and changelog in
# P/share/doc/PACKAGE/; `cmake --install` without --component installs all.

set(NG_PC_LIBS_PRIVATE "-lhpdf -lcsv -lm")
configure_file(${CMAKE_SOURCE_DIR}/cmake/notice-gen.pc.in ${CMAKE_BINARY_DIR}/notice-gen.pc @ONLY)

set(NG_LIB_PACKAGE libnoticegen${PROJECT_VERSION_MAJOR})
install(TARGETS notice-gen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT program)
install(TARGETS noticegen_shared
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library NAMELINK_COMPONENT development)
install(TARGETS noticegen ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(FILES ${CMAKE_SOURCE_DIR}/include/notice_gen.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
install(FILES ${CMAKE_BINARY_DIR}/notice-gen.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  COMPONENT development)
install(FILES ${NG_MO} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/ja/LC_MESSAGES COMPONENT program)
# The templates' own test-only files (fuzz.tmpl is written by tests) stay behind.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/templates ${CMAKE_SOURCE_DIR}/data
  ${CMAKE_SOURCE_DIR}/fonts DESTINATION ${NG_DATADIR} COMPONENT program
  PATTERN "fuzz.tmpl" EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/docs/completion/notice-gen.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME notice-gen
  COMPONENT program)
install(FILES ${CMAKE_SOURCE_DIR}/docs/completion/_notice-gen
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT program)

# Compressed as Debian installs them (gzip -9n: no name, no time, so the
# bytes are the same every build): the manual and each package's changelog.
find_program(NG_GZIP gzip REQUIRED)
set(NG_MAN_GZ ${CMAKE_BINARY_DIR}/notice-gen.1.gz)
set(NG_CHANGELOG_GZ ${CMAKE_BINARY_DIR}/deb/changelog.gz)
set(NG_DEB_MAINTAINER "notice-gen maintainers <notice-gen@localhost>" CACHE STRING
  "The .debs' Maintainer and the changelog's signer (a distributor's name and address)")
configure_file(${CMAKE_SOURCE_DIR}/cmake/deb/changelog.in ${CMAKE_BINARY_DIR}/deb/changelog @ONLY)
add_custom_command(OUTPUT ${NG_MAN_GZ}
  COMMAND sh -c "'${NG_GZIP}' -9nc '${CMAKE_SOURCE_DIR}/docs/man/notice-gen.1' > '${NG_MAN_GZ}'"
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/notice-gen.1 VERBATIM)
add_custom_command(OUTPUT ${NG_CHANGELOG_GZ}
  COMMAND sh -c "'${NG_GZIP}' -9nc '${CMAKE_BINARY_DIR}/deb/changelog' > '${NG_CHANGELOG_GZ}'"
  DEPENDS ${CMAKE_BINARY_DIR}/deb/changelog VERBATIM)
add_custom_target(compressed_docs ALL DEPENDS ${NG_MAN_GZ} ${NG_CHANGELOG_GZ})
install(FILES ${NG_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT program)

# The changelog's newest entry names the version being built: a release
# updates both together.
file(STRINGS ${CMAKE_SOURCE_DIR}/cmake/deb/changelog.in ng_changelog_top LIMIT_COUNT 1)
if(NOT ng_changelog_top MATCHES "^notice-gen \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "cmake/deb/changelog.in: its first entry is not version ${PROJECT_VERSION}:"
    " ${ng_changelog_top}")
endif()
# Debian's machine-readable copyright file, from LICENSE (one space before
# each line, " ." for an empty one).
file(STRINGS ${CMAKE_SOURCE_DIR}/LICENSE ng_license_lines)
list(POP_FRONT ng_license_lines ng_license_name)
set(ng_license_body "")
foreach(line IN LISTS ng_license_lines)
  if(line STREQUAL "")
    string(APPEND ng_license_body " .\n")
  elseif(line MATCHES "^Copyright")
    string(REGEX REPLACE "^Copyright (\\(c\\) )?" "" NG_COPYRIGHT_HOLDER "${line}")
  else()
    string(APPEND ng_license_body " ${line}\n")
  endif()
endforeach()
string(REGEX REPLACE "^ \\.\n( \\.\n)*" "" ng_license_body "${ng_license_body}")
string(REGEX REPLACE " License$" "" ng_license_name "${ng_license_name}")
file(WRITE ${CMAKE_BINARY_DIR}/deb/copyright
  "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
  "Upstream-Name: notice-gen\n"
  "Comment: The IPAex fonts whose subsets the letters embed come from Debian's\n"
  " fonts-ipaexfont-* packages (IPA Font License Agreement v1.0); none is in\n"
  " these packages.\n\n"
  "Files: *\n"
  "Copyright: ${NG_COPYRIGHT_HOLDER}\n"
  "License: ${ng_license_name}\n${ng_license_body}")
foreach(pkg_comp IN ITEMS notice-gen:program ${NG_LIB_PACKAGE}:library
    libnoticegen-dev:development)
  string(REPLACE ":" ";" pkg_comp "${pkg_comp}")
  list(GET pkg_comp 0 pkg)
  list(GET pkg_comp 1 comp)
  install(FILES ${CMAKE_BINARY_DIR}/deb/copyright ${NG_CHANGELOG_GZ}
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${pkg} COMPONENT ${comp})
endforeach()

# The .debs. Dependencies: the libraries each package's files link
# (dpkg-shlibdeps), plus what is needed but not linked: the fonts, and
# libqpdf, which the program and library load with dlopen for --encrypt and
# --merge, libnettle for the SHA-256 of batches and snapshots, libzint for
# customer barcodes and libfontconfig for fonts not where their packages put
# them, all loaded with dlopen. The library reads its templates and data from notice-gen's
# share/notice-gen; the -dev package needs the -dev packages of what
# notice-gen.pc names (Requires.private: pkg-config reads them even
# without --static; Libs.private: a static link).
set(CPACK_PACKAGE_NAME notice-gen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${NG_DEB_MAINTAINER}")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL program library development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(NG_DEB_DEPENDS "fonts-ipaexfont-mincho, fonts-ipaexfont-gothic")
foreach(pkg IN ITEMS ${QPDF_PACKAGE} ${NETTLE_PACKAGE} ${ZINT_PACKAGE} ${FC_PACKAGE})
  string(APPEND NG_DEB_DEPENDS ", ${pkg}")
endforeach()
# Descriptions: a synopsis, then the extended text (cpack indents each line
# by one space; "." is an empty line).
string(CONCAT ng_deb_about
  "notice-gen turns a YAML incident record into the letters a Japanese\n"
  "organisation sends after a personal-data incident: to its clients, to\n"
  "every affected person and to the regulator. Dates are written in the\n"
  "Japanese calendar with computed weekdays, line breaking follows JLReq, and\n"
  "the PDF embeds subsets of the IPAex fonts with an exact text layer; the\n"
  "same input always gives the same bytes.\n.\n")
string(CONCAT CPACK_DEBIAN_PROGRAM_DESCRIPTION
  "Japanese incident-notification letters (PDF) from YAML records\n" "${ng_deb_about}"
  "This package holds the notice-gen program, its templates, manual and\n"
  "shell completions.")
string(CONCAT CPACK_DEBIAN_LIBRARY_DESCRIPTION
  "Japanese incident-notification letters from YAML records - library\n" "${ng_deb_about}"
  "This package holds the shared library libnoticegen, for programs that\n"
  "render letters from records they hold in memory.")
string(CONCAT CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
  "Japanese incident-notification letters from YAML records - development files\n"
  "${ng_deb_about}"
  "This package holds the header notice_gen.h, the static library and the\n"
  "pkg-config file notice-gen.pc.")
set(CPACK_DEBIAN_PROGRAM_PACKAGE_NAME notice-gen)
set(CPACK_DEBIAN_PROGRAM_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PROGRAM_PACKAGE_DEPENDS "${NG_DEB_DEPENDS}")
# --pdfa reads the sRGB ICC profile of this package at run time.
set(CPACK_DEBIAN_PROGRAM_PACKAGE_RECOMMENDS "icc-profiles-free")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME ${NG_LIB_PACKAGE})
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_DEPENDS
  "notice-gen (= ${PROJECT_VERSION}), ${NG_DEB_DEPENDS}")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_RECOMMENDS "icc-profiles-free")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libnoticegen-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
  "${NG_LIB_PACKAGE} (= ${PROJECT_VERSION}), libyaml-dev, libicu-dev, libharfbuzz-dev, \
libdeflate-dev, libhpdf-dev, libcsv-dev")
# The ldconfig trigger Debian's library packages use. cpack also writes a
# postinst and postrm calling ldconfig for any library under /usr/lib and
# has no switch to leave them out: harmless (ldconfig runs twice), and the
# package's lintian override says so.
set(CPACK_DEBIAN_LIBRARY_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/cmake/deb/triggers)
# What lintian reports and is not so, each with its reason in the file.
install(FILES ${CMAKE_SOURCE_DIR}/cmake/deb/libnoticegen0.lintian-overrides
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides RENAME ${NG_LIB_PACKAGE}
  COMPONENT library)
install(FILES ${CMAKE_SOURCE_DIR}/cmake/deb/notice-gen.lintian-overrides
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides RENAME notice-gen
  COMPONENT program)
set(CPACK_GENERATOR DEB)
include(CPack)
