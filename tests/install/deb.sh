#!/bin/sh
# deb.sh BUILD SOURCE — `cpack -G DEB` builds the package; its control file
# declares the libraries it links (dpkg-shlibdeps), the fonts and libqpdf
# (loaded with dlopen); the package holds the program, the library, the
# header, the pkg-config file, the data, the man page and completions; and
# the program unpacked from it (anywhere: dpkg-deb -x) renders the example.
set -eu
BUILD=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
(cd "$BUILD" && cpack -G DEB -B "$T/pkg" >"$T/cpack.log" 2>&1) || { cat "$T/cpack.log"; exit 1; }
DEB=$(ls "$T"/pkg/notice-gen_*.deb)
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
echo "Depends: $DEPENDS"
for want in fonts-ipaexfont-mincho fonts-ipaexfont-gothic libqpdf libyaml libhpdf libicu \
	libharfbuzz libfontconfig libdeflate libnettle libzint libcsv; do
	echo "$DEPENDS" | grep -q "$want" || { echo "Depends lacks $want"; exit 1; }
done
dpkg-deb -c "$DEB" >"$T/files.txt"
for f in ./usr/bin/notice-gen ./usr/include/notice_gen.h ./usr/lib/libnoticegen.a \
	./usr/lib/pkgconfig/notice-gen.pc ./usr/share/notice-gen/templates/client-notice.tmpl \
	./usr/share/notice-gen/fonts/roles.tsv ./usr/share/man/man1/notice-gen.1 \
	./usr/share/bash-completion/completions/notice-gen \
	./usr/share/zsh/vendor-completions/_notice-gen; do
	grep -q " $f\$" "$T/files.txt" || { echo "not in the package: $f"; exit 1; }
done
grep -q ' ./usr/lib/libnoticegen.so' "$T/files.txt" || { echo "no shared library"; exit 1; }
dpkg-deb -x "$DEB" "$T/root"
env -u NOTICE_GEN_HOME "$T/root/usr/bin/notice-gen" "$SRC/examples/shaamu-2023/incident.yaml" \
	-o "$T/letter.pdf"
pdftotext "$T/letter.pdf" - | grep -q 'ランサムウェア'
echo "$(basename "$DEB"): $(stat -c %s "$DEB") bytes, renders the example when unpacked"
