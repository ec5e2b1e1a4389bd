# The part of the install that only the Debian package has; CPack sets COLLAB_DEB
# (CPACK_CUSTOM_INSTALL_VARIABLES in cmake/Package.cmake), `cmake --install` does not.
# Configured by CMake (@VARIABLES@), then run by the install script.
if(NOT COLLAB_DEB)
  return()
endif()
set(root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(doc "${root}/@CMAKE_INSTALL_DATADIR@/doc/collab")
set(man "${root}/@CMAKE_INSTALL_MANDIR@/man1/collab.1")
file(MAKE_DIRECTORY "${doc}")

# Stripped as dh_strip does: CPACK_STRIP_FILES has already removed the symbols, this also
# drops the compiler's .comment section (lintian: binary-has-unneeded-section).
execute_process(COMMAND "@CMAKE_STRIP@" --remove-section=.comment --remove-section=.note
                        --strip-unneeded "${root}/@CMAKE_INSTALL_BINDIR@/collab"
                COMMAND_ERROR_IS_FATAL ANY)

# Man pages are compressed with gzip -9n (Debian Policy 12.1; -n: no name or time in
# the header, so the package is reproducible).
execute_process(COMMAND gzip -9nf "${man}" COMMAND_ERROR_IS_FATAL ANY)

# The copyright file (Policy 12.5).
# (file(COPY), not file(INSTALL): the latter would add DESTDIR a second time.)
file(COPY "@CMAKE_BINARY_DIR@/deb/copyright" DESTINATION "${doc}")

# The changelog (Policy 12.7; a native package's is changelog.gz): this version's entry
# made from CHANGELOG.md, dated now or at SOURCE_DATE_EPOCH (which scripts/package sets
# to the last commit's time).
string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)
execute_process(
  COMMAND awk -v "version=@PROJECT_VERSION@" -v "maintainer=@COLLAB_MAINTAINER@" -v "date=${date}"
          -f "@PROJECT_SOURCE_DIR@/packaging/changelog.awk" "@PROJECT_SOURCE_DIR@/CHANGELOG.md"
  OUTPUT_FILE "${doc}/changelog" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND gzip -9nf "${doc}/changelog" COMMAND_ERROR_IS_FATAL ANY)

# Whatever the umask: files 0644 (lintian: non-standard-file-perm).
file(CHMOD "${doc}/changelog.gz" "${doc}/copyright" "${man}.gz"
     PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
