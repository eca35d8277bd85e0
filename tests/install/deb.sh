#!/bin/sh
# deb.sh BUILD SOURCE LIBDIR [CFLAGS] — `cpack -G DEB` builds three packages:
#   notice-gen        the program, its data, manual, completions, messages
#   libnoticegen0     the shared library (its SONAME, a shlibs file, the
#                     ldconfig trigger), in the multiarch folder
#   libnoticegen-dev  header, pkg-config file, static library, .so symlink
# Each declares its dependencies: the libraries it links (dpkg-shlibdeps),
# the fonts, libqpdf, libnettle, libzint and libfontconfig (loaded with
# dlopen), the -dev packages notice-gen.pc names. Each has a copyright file and a changelog. Unpacked (dpkg-deb -x),
# the program renders the example, and examples/embed.c builds against the
# -dev package with pkg-config and writes the same letter as the program.
set -eu
BUILD=$1
SRC=$2
LIBDIR=$3 # lib/x86_64-linux-gnu on Debian
XCFLAGS=${4:-} # a sanitized build's library needs the sanitizer runtime in the program
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "deb.sh: $*"; exit 1; }
(cd "$BUILD" && cpack -G DEB -B "$T/pkg" >"$T/cpack.log" 2>&1) || { cat "$T/cpack.log"; exit 1; }
ls "$T"/pkg/*.deb
[ "$(ls "$T"/pkg/*.deb | wc -l)" -eq 3 ] || fail "not three packages"
PROG=$(ls "$T"/pkg/notice-gen_*.deb)
LIB=$(ls "$T"/pkg/libnoticegen0_*.deb)
DEV=$(ls "$T"/pkg/libnoticegen-dev_*.deb)
VERSION=$(dpkg-deb -f "$PROG" Version)

# has DEB WORD... — the package's Depends names each WORD.
has() {
	deb=$1
	shift
	depends=$(dpkg-deb -f "$deb" Depends)
	for want in "$@"; do
		echo "$depends" | grep -q -- "$want" || fail "$(basename "$deb"): Depends lacks $want: $depends"
	done
}
has "$PROG" fonts-ipaexfont-mincho fonts-ipaexfont-gothic libqpdf libyaml libhpdf libicu \
	libharfbuzz libfontconfig libdeflate libnettle libzint libcsv libc6
has "$LIB" "notice-gen (= $VERSION)" fonts-ipaexfont-mincho libqpdf libnettle libzint \
	libfontconfig libyaml libhpdf libicu
has "$DEV" "libnoticegen0 (= $VERSION)" libyaml-dev libicu-dev libharfbuzz-dev \
	libdeflate-dev libhpdf-dev libcsv-dev
# Loaded with dlopen, not linked: the -dev package needs none of their -dev.
dpkg-deb -f "$DEV" Depends | grep -q 'nettle-dev\|libzint-dev\|libfontconfig-dev' &&
	fail "libnoticegen-dev depends on the -dev of a library loaded with dlopen"
for deb in "$PROG" "$LIB" "$DEV"; do
	echo "$(dpkg-deb -f "$deb" Package): $(dpkg-deb -f "$deb" Depends)"
done
[ "$(dpkg-deb -f "$PROG" Recommends)" = icc-profiles-free ] || fail "notice-gen: Recommends"
# The program links the library statically: it needs no libnoticegen0.
dpkg-deb -f "$PROG" Depends | grep -q libnoticegen && fail "notice-gen depends on the library"

# contains DEB PATH... — each PATH (without the leading ./) is in DEB, and
# nothing of DEB is outside the paths listed with it plus its docs.
contains() {
	deb=$1
	shift
	pkg=$(dpkg-deb -f "$deb" Package)
	dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; s|/$||' >"$T/$pkg.files"
	for f in "$@" "usr/share/doc/$pkg/copyright" "usr/share/doc/$pkg/changelog.gz"; do
		grep -qx "$f" "$T/$pkg.files" || fail "not in $pkg: $f"
	done
}
contains "$PROG" usr/bin/notice-gen usr/share/notice-gen/templates/client-notice.tmpl \
	usr/share/notice-gen/fonts/roles.tsv usr/share/notice-gen/data/eras.tsv \
	usr/share/man/man1/notice-gen.1.gz usr/share/bash-completion/completions/notice-gen \
	usr/share/zsh/vendor-completions/_notice-gen usr/share/locale/ja/LC_MESSAGES/notice-gen.mo
contains "$LIB" "usr/$LIBDIR/libnoticegen.so.0" "usr/$LIBDIR/libnoticegen.so.$VERSION"
contains "$DEV" usr/include/notice_gen.h "usr/$LIBDIR/libnoticegen.a" "usr/$LIBDIR/libnoticegen.so" \
	"usr/$LIBDIR/pkgconfig/notice-gen.pc"
# Each file in one package only: the library's files are not in the others.
grep -h 'libnoticegen\|notice_gen.h\|\.pc$' "$T/notice-gen.files" && fail "library files in notice-gen"
grep -h '\.so\.0\|\.a$\|\.h$' "$T/libnoticegen0.files" | grep -v "libnoticegen.so.0" &&
	fail "development files in libnoticegen0"
grep -h 'libnoticegen.so\.' "$T/libnoticegen-dev.files" && fail "the runtime library in -dev"

dpkg-deb -x "$PROG" "$T/root"
dpkg-deb -x "$LIB" "$T/root"
dpkg-deb -x "$DEV" "$T/root"
L=$T/root/usr/$LIBDIR
# The SONAME is what the package is named after; the link-time symlink
# points at it; the shlibs file maps it to the package; the trigger runs
# ldconfig; the binaries are stripped.
objdump -p "$L/libnoticegen.so.$VERSION" | grep -q 'SONAME *libnoticegen\.so\.0$' || fail "SONAME"
[ "$(readlink "$L/libnoticegen.so")" = libnoticegen.so.0 ] || fail ".so symlink"
[ "$(readlink "$L/libnoticegen.so.0")" = "libnoticegen.so.$VERSION" ] || fail ".so.0 symlink"
dpkg-deb -e "$LIB" "$T/control"
grep -qx "libnoticegen 0 libnoticegen0 (>= $VERSION)" "$T/control/shlibs" || fail "shlibs"
grep -qx 'activate-noawait ldconfig' "$T/control/triggers" || fail "ldconfig trigger"
for f in "$T/root/usr/bin/notice-gen" "$L/libnoticegen.so.$VERSION"; do
	file "$f" | grep -q ', stripped' || fail "not stripped: $f"
done
for pkg in notice-gen libnoticegen0 libnoticegen-dev; do
	head -1 "$T/root/usr/share/doc/$pkg/copyright" | grep -q '^Format: .*copyright-format/1.0/' ||
		fail "$pkg: copyright format"
	grep -q '^License: MIT$' "$T/root/usr/share/doc/$pkg/copyright" || fail "$pkg: licence"
	gzip -dc "$T/root/usr/share/doc/$pkg/changelog.gz" | head -1 | grep -q "^notice-gen ($VERSION) " ||
		fail "$pkg: changelog"
done
gzip -dc "$T/root/usr/share/man/man1/notice-gen.1.gz" | cmp - "$SRC/docs/man/notice-gen.1"

cp "$SRC/examples/shaamu-2023/incident.yaml" "$T/incident.yaml"
env -u NOTICE_GEN_HOME "$T/root/usr/bin/notice-gen" "$T/incident.yaml" -o "$T/letter.pdf"
pdftotext "$T/letter.pdf" - | grep -q 'ランサムウェア'
# The -dev package as a program's build uses it: pkg-config finds the
# relocatable .pc, the program links the shared library by its SONAME.
# It finds the data beside the library (../../share/notice-gen).
# shellcheck disable=SC2046
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Wpedantic -Werror $XCFLAGS "$SRC/examples/embed.c" \
	$(PKG_CONFIG_PATH="$L/pkgconfig" pkg-config --cflags --libs notice-gen) -lpthread -o "$T/embed"
objdump -p "$T/embed" | grep -q 'NEEDED *libnoticegen\.so\.0$' || fail "embed does not need the SONAME"
(cd "$T" && env -u NOTICE_GEN_HOME LD_LIBRARY_PATH="$L" ./embed incident.yaml embed.pdf)
cmp "$T/letter.pdf" "$T/embed.pdf"
for deb in "$PROG" "$LIB" "$DEV"; do
	echo "$(basename "$deb"): $(stat -c %s "$deb") bytes"
done
echo "the program renders the example and embed.c built against libnoticegen-dev writes the same letter"
