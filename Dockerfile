# notice-gen in a container: Debian 12, three stages.
#   docker build -t notice-gen .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/data" -w /data notice-gen \
#       incident.yaml -o letter.pdf
# The packages and build stages run the same scripts/setup as a developer
# machine (the Debian packages in a stage of their own, kept while the
# sources change, then the build), then pack the .debs (cpack); the runtime stage installs
# only the program's package, so apt brings exactly the libraries and fonts
# its control file declares, and runs as a user without privileges (uid
# 10001, or the caller's with -u, so the letters belong to them). Messages
# in Japanese: add -e LANG=ja_JP.UTF-8.
# The base images are arguments so that a machine without a registry can
# build from a Debian 12 it made itself (tests/install/docker.sh imports a
# debootstrap'ed bookworm as both).

ARG BASE=debian:12
ARG RUNTIME_BASE=debian:12-slim

FROM ${BASE} AS packages
WORKDIR /src
COPY scripts/setup scripts/setup
RUN scripts/setup --packages-only

FROM packages AS build
# The test removes this stage's images after each run (the packages
# stage, which it tags, stays as the next build's cache).
LABEL org.notice-gen.stage=build
COPY . .
RUN scripts/setup && cd build && cpack -G DEB -B /debs

FROM ${RUNTIME_BASE}
COPY --from=build /debs/notice-gen_*.deb /tmp/
RUN apt-get update \
	&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		/tmp/notice-gen_*.deb \
	&& rm -rf /var/lib/apt/lists/* /tmp/notice-gen_*.deb \
	&& useradd --create-home --uid 10001 notice
USER notice
WORKDIR /data
ENTRYPOINT ["notice-gen"]
CMD ["--help"]
