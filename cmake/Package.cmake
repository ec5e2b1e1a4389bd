# The Debian package: `cpack` in the build folder (scripts/package) turns the install rules
# into collab_<version>_<arch>.deb. What only the package has (the man page compressed, the
# copyright file, the changelog, the lintian overrides) is installed by the install(CODE)
# below when CPack sets COLLAB_DEB, so `cmake --install` from source stays as it was.
# Debian Policy 12.3 (copyright), 12.7 (changelog), 12.1 (man pages), 8.6 (Depends);
# the package is checked with lintian by tests/cli/package_test.py.

set(COLLAB_MAINTAINER "collab maintainers <collab@example.org>"
    CACHE STRING "Maintainer field of the Debian package")
set(COLLAB_HOMEPAGE "https://github.com/YOUR-ORG/collab"
    CACHE STRING "Homepage field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME collab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${COLLAB_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "check and query collaboration records kept as YAML files")
# The synopsis above, then this extended description (Policy 3.4; CPack joins them).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "collab keeps an organisation's partners, the people who sign for them, the
agreements between them and the projects and events that follow as YAML
files in a git repository, one record per file. It validates the records
(with annotations for GitHub, GitLab, JUnit and SARIF), lists and shows them,
writes reports and graphs, exports them to CSV, JSON or SQLite, compares two
revisions and edits records without losing comments.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${COLLAB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${COLLAB_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# collab_0.1.0_amd64.deb: Debian's own file name, the architecture from dpkg.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Depends: computed by dpkg-shlibdeps from the libraries the binary links.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The binary is stripped (lintian: unstripped-binary-or-object); directories are 0755
# whatever the umask (lintian: non-standard-dir-perm).
set(CPACK_STRIP_FILES ON)
# Full RELRO (lintian: hardening-no-bindnow): the binary reads untrusted files.
target_link_options(collab PRIVATE LINKER:-z,now)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_CUSTOM_INSTALL_VARIABLES COLLAB_DEB=ON)
# No source package, and only the files collab's own install rules name.
set(CPACK_SOURCE_GENERATOR "")
include(CPack)

# The copyright file (Policy 12.5, machine-readable format 1.0), and the install step that
# only CPack's staging install runs (packaging/deb-install.cmake).
configure_file(${PROJECT_SOURCE_DIR}/packaging/copyright ${CMAKE_BINARY_DIR}/deb/copyright @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/packaging/deb-install.cmake ${CMAKE_BINARY_DIR}/deb/install.cmake @ONLY)
install(SCRIPT ${CMAKE_BINARY_DIR}/deb/install.cmake)
