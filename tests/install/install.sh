#!/bin/sh
# install.sh BUILD SOURCE LIBDIR [CFLAGS] — `cmake --install` into a temporary prefix, moved
# elsewhere afterwards (the tree must be relocatable), then the installed
# program renders the example with the source tree's templates, data and
# fonts hidden (an empty folder mounted over each, in a private mount
# namespace, where unshare is allowed), from a template that exists only in
# the installed copy. The installed library's example program (examples/
# embed.c) is built with pkg-config and run against it.
set -eu
BUILD=$1
SRC=$2
LIBDIR=$3 # lib/x86_64-linux-gnu on Debian (multiarch)
# Extra flags for the example program: a sanitized build's library needs
# the sanitizer runtime linked into the program too.
XCFLAGS=${4:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cmake --install "$BUILD" --prefix "$T/first" >/dev/null
mv "$T/first" "$T/p"
P=$T/p
for f in bin/notice-gen include/notice_gen.h "$LIBDIR/libnoticegen.a" "$LIBDIR/libnoticegen.so" \
	"$LIBDIR/libnoticegen.so.0" "$LIBDIR/pkgconfig/notice-gen.pc" \
	share/notice-gen/templates/client-notice.tmpl share/notice-gen/data/eras.tsv \
	share/notice-gen/fonts/roles.tsv share/man/man1/notice-gen.1.gz \
	share/bash-completion/completions/notice-gen share/zsh/vendor-completions/_notice-gen; do
	test -e "$P/$f" || { echo "not installed: $f"; exit 1; }
done
# A template only the installed copy has: found by name, so the program
# looks there.
sed 's/^@description .*/@description installed copy/' \
	"$P/share/notice-gen/templates/client-notice.tmpl" \
	>"$P/share/notice-gen/templates/installed-only.tmpl"
cp "$SRC/examples/shaamu-2023/incident.yaml" "$T/incident.yaml"
cat >"$T/run.sh" <<EOS
set -eu
unset NOTICE_GEN_HOME
'$P/bin/notice-gen' templates > '$T/list.txt'
'$P/bin/notice-gen' '$T/incident.yaml' -t installed-only -o '$T/letter.pdf'
EOS
mkdir "$T/empty"
if unshare -m true 2>/dev/null; then
	unshare -m sh -c "for d in templates data fonts; do mount --bind '$T/empty' '$SRC/'\$d; done
		test -z \"\$(ls '$SRC/templates')\" && sh '$T/run.sh'"
	echo "source tree's templates, data and fonts hidden"
else
	sh "$T/run.sh"
	echo "unshare not allowed here: the source tree stayed visible"
fi
grep -q '^installed-only	installed copy$' "$T/list.txt" || { cat "$T/list.txt"; exit 1; }
pdftotext "$T/letter.pdf" - | grep -q 'ランサムウェア' || { echo "letter text missing"; exit 1; }
echo "installed program renders from $P/share/notice-gen"

# The library from another program: examples/embed.c built with pkg-config
# against the installed copy, linked shared and static, run from elsewhere.
export PKG_CONFIG_PATH="$P/$LIBDIR/pkgconfig"
# shellcheck disable=SC2046
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Wpedantic -Werror $XCFLAGS "$SRC/examples/embed.c" \
	$(pkg-config --cflags --libs notice-gen) -lpthread -o "$T/embed"
# shellcheck disable=SC2046
# shellcheck disable=SC2086
cc -std=c11 $XCFLAGS "$SRC/examples/embed.c" $(pkg-config --cflags notice-gen) -o "$T/embed-static" \
	"$P/$LIBDIR/libnoticegen.a" $(pkg-config --static --libs-only-other --libs-only-l notice-gen |
		sed 's/-lnoticegen//') -lpthread
ldd "$T/embed" | grep -q "$P/$LIBDIR/libnoticegen.so" ||
	LD_LIBRARY_PATH="$P/$LIBDIR" ldd "$T/embed" | grep -q "$P/$LIBDIR/libnoticegen.so"
(cd "$T" && env -u NOTICE_GEN_HOME LD_LIBRARY_PATH="$P/$LIBDIR" ./embed incident.yaml embed.pdf)
# A static program outside P/bin finds the data through NOTICE_GEN_HOME
# (the .pc's datadir), or at the prefix notice-gen was configured with.
(cd "$T" && NOTICE_GEN_HOME=$(pkg-config --variable=datadir notice-gen) \
	./embed-static incident.yaml embed-static.pdf)
cmp "$T/embed.pdf" "$T/embed-static.pdf"
# The same bytes as the program writes (same template: the record's own).
"$P/bin/notice-gen" "$T/incident.yaml" -o "$T/cli.pdf"
cmp "$T/embed.pdf" "$T/cli.pdf"
echo "examples/embed.c: built with pkg-config (shared and static), letters identical to the program's"
