# install.cmake — what `cmake --install build --prefix P` puts where, and
# the .deb that `cpack -G DEB` makes from the same rules.
#   P/bin/notice-gen                      the program
#   P/lib/libnoticegen.{so*,a}            the library, shared and static
#   P/include/notice_gen.h                its one header
#   P/lib/pkgconfig/notice-gen.pc         for pkg-config --cflags --libs
#   P/share/notice-gen/{templates,data,fonts}  what the program reads
#   P/share/man/man1/notice-gen.1         the manual
#   P/share/bash-completion/completions/notice-gen, P/share/zsh/vendor-completions/_notice-gen
#   P/share/locale/ja/LC_MESSAGES/notice-gen.mo  the Japanese messages

set(NG_PC_LIBS_PRIVATE "-lhpdf -lcsv -lzint -lm")
configure_file(${CMAKE_SOURCE_DIR}/cmake/notice-gen.pc.in ${CMAKE_BINARY_DIR}/notice-gen.pc @ONLY)

install(TARGETS notice-gen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS noticegen noticegen_shared
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_SOURCE_DIR}/include/notice_gen.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CMAKE_BINARY_DIR}/notice-gen.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES ${NG_MO} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/ja/LC_MESSAGES)
# The templates' own test-only files (fuzz.tmpl is written by tests) stay behind.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/templates ${CMAKE_SOURCE_DIR}/data
  ${CMAKE_SOURCE_DIR}/fonts DESTINATION ${NG_DATADIR}
  PATTERN "fuzz.tmpl" EXCLUDE)
foreach(f IN ITEMS man/notice-gen.1)
  if(EXISTS ${CMAKE_SOURCE_DIR}/docs/${f})
    install(FILES ${CMAKE_SOURCE_DIR}/docs/${f} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endif()
endforeach()
if(EXISTS ${CMAKE_SOURCE_DIR}/docs/completion/notice-gen.bash)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/completion/notice-gen.bash
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME notice-gen)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/completion/_notice-gen
    DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
endif()

# The .deb: dependencies from the libraries the files link (dpkg-shlibdeps),
# plus what the program needs but does not link: the fonts, and libqpdf,
# which it loads with dlopen for --encrypt and --merge.
set(CPACK_PACKAGE_NAME notice-gen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "notice-gen maintainers <notice-gen@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Japanese personal-data incident-notification letters from YAML records")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(NG_DEB_DEPENDS "fonts-ipaexfont-mincho, fonts-ipaexfont-gothic")
if(QPDF_PACKAGE)
  string(APPEND NG_DEB_DEPENDS ", ${QPDF_PACKAGE}")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${NG_DEB_DEPENDS}")
# --pdfa reads the sRGB ICC profile of this package at run time.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "icc-profiles-free")
set(CPACK_GENERATOR DEB)
include(CPack)
