# livetasks on the official Open Liberty image.
#   docker build -t livetasks .
#   docker run -p 9080:9080 livetasks                      (embedded H2 and demo users: a trial only)
#   docker run -p 9080:9080 -e DB_KIND=sqlserver \
#     -e DB_URL='jdbc:sqlserver://<server>.database.windows.net:1433;database=<db>;encrypt=true' \
#     -e DB_USER=<user> -e DB_PASSWORD=<password> livetasks
# See README "Running in a container".

# Build stage: the WAR and the JDBC drivers (target/livetasks.war, target/jdbc/*.jar).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
COPY db ./db
COPY liberty ./liberty
RUN mvn -B -q package -DskipTests

# Runtime stage: Open Liberty kernel, features from server.xml installed at build time.
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal
COPY --chown=1001:0 liberty/server.xml liberty/application.xml liberty/auth-embedded.xml liberty/auth-oidc.xml \
                    liberty/jvm.options /config/
# Installs the features of server.xml and of the included auth file; with AUTH_MODE=oidc that is the superset
# (the OpenID Connect and MicroProfile JWT features), so the image runs in either mode. Production runs with
# -e AUTH_MODE=oidc (no built-in users, see docs/security.md); without it the demo users of the embedded
# default exist.
RUN AUTH_MODE=oidc features.sh
COPY --chown=1001:0 --from=build /src/target/jdbc/ /config/jdbc/
COPY --chown=1001:0 --from=build /src/target/livetasks.war /config/apps/
# Fills the shared class cache and checks that the configuration resolves.
RUN configure.sh
EXPOSE 9080 9443
# Probes for orchestrators: liveness /health/live, readiness /health/ready (DOWN while the database is unreachable).
