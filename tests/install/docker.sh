#!/bin/sh
# docker.sh BUILD SOURCE — the Dockerfile builds, and its image renders the
# example as README shows (`docker run --rm -u UID:GID -v DIR:/data -w /data
# IMAGE incident.yaml -o letter.pdf`), as a user without privileges, to the
# same bytes as the program in BUILD; without -u as its own user (10001);
# in Japanese with -e LANG=ja_JP.UTF-8. Prints the build time and the
# image's size.
# Skipped (exit 77, CTest's SKIP_RETURN_CODE) when no Docker daemon answers,
# or when no Debian 12 base image can be had: neither debian:12 from a
# registry nor a debootstrap'ed bookworm (root, debootstrap and the Debian
# mirror), which is imported once as notice-gen-test-base:bookworm and kept.
# NG_DOCKER_BASE=IMAGE uses that image as both bases instead.
set -eu
BUILD=$1
SRC=$2
skip() { echo "docker.sh: SKIPPED: $*"; exit 77; }
fail() { echo "docker.sh: $*"; exit 1; }
command -v docker >/dev/null || skip "no docker command"
docker info >/dev/null 2>&1 || skip "no Docker daemon answers ($(docker info 2>&1 | grep -m1 -i 'cannot\|error' || true))"

T=$(mktemp -d)
IMAGE=notice-gen-test:$$
# The image, and the build stage's images (the compiled tree: ~0.3 GB a
# run on a daemon that stays); the packages stage stays tagged as
# notice-gen-test-packages, the next build's cache.
cleanup() {
	docker rmi -f "$IMAGE" >/dev/null 2>&1 || true
	docker image prune -f --filter label=org.notice-gen.stage=build >/dev/null 2>&1 || true
	rm -rf "$T"
}
trap cleanup EXIT

base=${NG_DOCKER_BASE:-}
if [ -z "$base" ]; then
	if docker image inspect debian:12 >/dev/null 2>&1 &&
		docker image inspect debian:12-slim >/dev/null 2>&1; then
		base=default
	elif timeout 120 docker pull -q debian:12 >/dev/null 2>&1 &&
		timeout 120 docker pull -q debian:12-slim >/dev/null 2>&1; then
		base=default
	else
		base=notice-gen-test-base:bookworm
	fi
fi
if [ "$base" = notice-gen-test-base:bookworm ] && ! docker image inspect "$base" >/dev/null 2>&1; then
	[ "$(id -u)" -eq 0 ] || skip "no debian:12 from a registry, and debootstrap needs root"
	command -v debootstrap >/dev/null || skip "no debian:12 from a registry, and no debootstrap"
	echo "debian:12 cannot be pulled: making $base with debootstrap"
	debootstrap --variant=minbase bookworm "$T/base" "${NG_DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
		>"$T/debootstrap.log" 2>&1 || skip "debootstrap failed: $(tail -1 "$T/debootstrap.log")"
	rm -rf "$T"/base/var/cache/apt/archives/*.deb "$T"/base/var/lib/apt/lists/*
	tar -C "$T/base" -c . | docker import -c 'CMD ["bash"]' - "$base" >/dev/null
	rm -rf "$T/base"
fi
args=""
[ "$base" = default ] || args="--build-arg BASE=$base --build-arg RUNTIME_BASE=$base"
echo "base image: $base"

start=$(date +%s)
# shellcheck disable=SC2086
docker build $args --target packages -t notice-gen-test-packages "$SRC" >"$T/build.log" 2>&1 &&
	docker build $args -t "$IMAGE" "$SRC" >>"$T/build.log" 2>&1 ||
	{ tail -40 "$T/build.log"; fail "docker build failed"; }
end=$(date +%s)
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
echo "docker build: $((end - start)) s; image: $((size / 1000000)) MB ($size bytes)"

# Not root by default.
uid=$(docker run --rm --entrypoint id "$IMAGE" -u)
[ "$uid" = 10001 ] || fail "the image runs as uid $uid, not 10001"
# README's command, as a user without privileges: the letter is theirs and
# byte for byte the program's.
mkdir "$T/data" "$T/own"
cp "$SRC/examples/shaamu-2023/incident.yaml" "$T/data/"
cp "$SRC/examples/shaamu-2023/incident.yaml" "$T/own/"
chown -R 4242:4242 "$T/data" 2>/dev/null || chmod 0777 "$T/data"
(cd "$T/data" && docker run --rm -u 4242:4242 -v "$PWD:/data" -w /data "$IMAGE" \
	incident.yaml -o letter.pdf)
env -u SOURCE_DATE_EPOCH -u NOTICE_GEN_HOME "$BUILD/notice-gen" "$T/data/incident.yaml" -o "$T/cli.pdf"
cmp "$T/data/letter.pdf" "$T/cli.pdf" || fail "the image's letter differs from $BUILD/notice-gen's"
if [ "$(id -u)" -eq 0 ]; then
	[ "$(stat -c %u "$T/data/letter.pdf")" = 4242 ] || fail "the letter is not the caller's"
fi
# Without -u: the image's own user writes to a folder it may write to.
chown 10001 "$T/own" 2>/dev/null || chmod 0777 "$T/own"
docker run --rm -v "$T/own:/data" -w /data "$IMAGE" incident.yaml -o letter.pdf
cmp "$T/own/letter.pdf" "$T/cli.pdf" || fail "the letter written as uid 10001 differs"
# Japanese messages with -e LANG=ja_JP.UTF-8 (the image has no ja_JP locale:
# the program falls back to C.UTF-8 for them).
docker run --rm -e LANG=ja_JP.UTF-8 -v "$T/own:/data" -w /data "$IMAGE" check incident.yaml \
	>"$T/check.txt"
head -1 "$T/check.txt" | grep -q 'の要約' || { cat "$T/check.txt"; fail "check is not in Japanese"; }
# A bad record: the error and exit code come through.
printf 'incident:\n  bogus: 1\n' >"$T/own/bad.yaml"
set +e
docker run --rm -v "$T/own:/data" -w /data "$IMAGE" bad.yaml -o bad.pdf 2>"$T/bad.txt"
rc=$?
set -e
[ "$rc" -ne 0 ] && grep -q 'bad.yaml:[0-9]*:[0-9]*: error' "$T/bad.txt" ||
	{ cat "$T/bad.txt"; fail "a bad record: exit $rc"; }
[ ! -e "$T/own/bad.pdf" ] || fail "a bad record left bad.pdf"
echo "the image renders the example as uid 4242 and 10001, byte-identical to $BUILD/notice-gen"
