#!/bin/sh
# lintian.sh BUILD — lintian finds no error and no warning in the three
# .debs that `cpack -G DEB` makes, but one: the Maintainer's address
# (bogus-mail-host) — the project has no mail address yet; a distributor
# configures theirs with -DNG_DEB_MAINTAINER="Name <address>". Overrides
# the packages carry (cmake/deb/*.lintian-overrides) say why each is one.
set -eu
BUILD=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
command -v lintian >/dev/null || { echo "lintian is not installed (scripts/setup installs it)"; exit 1; }
(cd "$BUILD" && cpack -G DEB -B "$T/pkg" >"$T/cpack.log" 2>&1) || { cat "$T/cpack.log"; exit 1; }
maintainer=$(dpkg-deb -f "$T"/pkg/notice-gen_*.deb Maintainer)
suppress=""
case $maintainer in
*@localhost\>) suppress="--suppress-tags bogus-mail-host,bogus-mail-host-in-debian-changelog" ;;
esac
# Root is how CI runs; lintian only warns about it on stderr.
# shellcheck disable=SC2086
lintian --fail-on error,warning --info --pedantic $suppress "$T"/pkg/*.deb >"$T/lintian.txt" 2>"$T/err.txt" ||
	{ cat "$T/lintian.txt" "$T/err.txt"; echo "lintian: errors or warnings above"; exit 1; }
grep -v 'root privileges' "$T/err.txt" || true
# What lintian said below warnings (pedantic, info), for the log.
grep -E '^[A-Z]: ' "$T/lintian.txt" || true
[ -z "$suppress" ] || echo "lintian: bogus-mail-host suppressed: Maintainer is $maintainer"
echo "lintian: no errors or warnings in $(ls "$T"/pkg/*.deb | wc -l) packages"
