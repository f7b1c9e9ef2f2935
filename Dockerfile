# The operator's image for pipelines that build with a container engine: the same files, user, environment and
# entrypoint as bin/image assembles without one (DockerfileMatchesImageTest compares them).
#   docker build -t REGISTRY/binary-bosh-operator:0.1.0 .
FROM debian:bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven
WORKDIR /src
COPY . .
RUN bin/image

FROM scratch
COPY --from=build /src/operator/target/image/layers/debian/ /
COPY --from=build /src/operator/target/image/layers/java/ /
COPY --from=build /src/operator/target/image/layers/lib/ /
COPY --from=build /src/operator/target/image/layers/app/ /
USER 65532:65532
ENV PATH=/opt/java/bin:/usr/bin:/bin JAVA_HOME=/opt/java LANG=C.UTF-8 HEALTH_PORT=8080
WORKDIR /tmp
EXPOSE 8080
LABEL org.opencontainers.image.title=binary-bosh-operator
ENTRYPOINT ["/opt/java/bin/java","-XX:+ExitOnOutOfMemoryError","-cp","/app/binary-bosh-operator.jar:/app/lib/*","io.binarybosh.operator.Main"]
