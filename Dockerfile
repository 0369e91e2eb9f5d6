# syntax=docker/dockerfile:1
# Vetter's container image: 'vetter serve' (the bot, docs/deploy.md) by default; any other command too.
#   docker build -t vetter .
#   docker run -d -p 8080:8080 -v vetter-data:/var/lib/vetter -e VETTER_GITHUB_WEBHOOK_SECRET vetter
#   docker run --rm -v "$PWD:/repo" vetter review --base origin/main
# Documented in docs/ci.md.

FROM maven:3-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
# Maven's downloads stay in a build cache between builds; tests run in CI, not here
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:21-jre
# a fixed, unprivileged user; its home is the data directory
RUN groupadd --system --gid 10001 vetter \
 && useradd --system --uid 10001 --gid vetter --home-dir /var/lib/vetter --shell /usr/sbin/nologin vetter \
 && mkdir -p /var/lib/vetter /repo \
 && chown vetter:vetter /var/lib/vetter
COPY --from=build /src/vetter-cli/target/vetter.jar /opt/vetter/vetter.jar
COPY --chmod=755 ci/docker/vetter /usr/local/bin/vetter
# the JVM sizes its heap from the container's memory limit; a server that runs out of memory exits,
# so that the orchestrator restarts it, rather than limping on
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    VETTER_DATA_DIR=/var/lib/vetter \
    VETTER_PORT=8080
# the embedded store (jobs, deliveries): keep it on a volume
VOLUME ["/var/lib/vetter"]
EXPOSE 8080
USER vetter
# for command-line use: mount the repository to review here
WORKDIR /repo
# curl is in the eclipse-temurin images
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${VETTER_PORT}/healthz" >/dev/null || exit 1
ENTRYPOINT ["vetter"]
CMD ["serve"]
