# notice-gen in a container: Debian 12, two stages.
#   docker build -t notice-gen .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/data" -w /data notice-gen \
#       incident.yaml -o letter.pdf
# The build stage runs the same scripts/setup as a developer machine (the
# Debian packages, then the build), then packs the .deb (cpack); the
# runtime stage installs only that .deb, so apt brings exactly the
# libraries and fonts its control file declares, and runs as a user
# without privileges. Messages in Japanese: add -e LANG=ja_JP.UTF-8.

FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN scripts/setup && cd build && cpack -G DEB && cp notice-gen_*.deb /notice-gen.deb

FROM debian:12-slim
COPY --from=build /notice-gen.deb /tmp/notice-gen.deb
RUN apt-get update \
	&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		/tmp/notice-gen.deb \
	&& rm -rf /var/lib/apt/lists/* /tmp/notice-gen.deb \
	&& useradd --create-home --uid 10001 notice
USER notice
WORKDIR /data
ENTRYPOINT ["notice-gen"]
CMD ["--help"]
