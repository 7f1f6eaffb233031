# livetasks on the official Open Liberty image. The container's default database is SQL Server / Azure SQL,
# credentials from the environment (in Kubernetes from Secrets, see deploy/):
#   docker build -t livetasks .
#   docker run -p 9080:9080 \
#     -e DB_URL='jdbc:sqlserver://<server>.database.windows.net:1433;database=<db>;encrypt=true' \
#     -e DB_USER=<user> -e DB_PASSWORD=<password> -e LIVETASKS_TOKEN_SECRET=<32+ bytes> livetasks
#   docker run -p 9080:9080 -e DB_KIND=h2 livetasks        (try it: embedded H2, data inside the container)
#   Production sign-in: docker build --build-arg AUTH_MODE=oidc -t livetasks . and run with the OIDC_*
#   variables, KEYSTORE_PASSWORD and LIVETASKS_TOKEN_SECRET, see docs/security.md.
# See README "Running in a container".

# Base images are pinned by version (Maven 3.9.11 on Temurin 17; Open Liberty 26.0.0.3, the release pom.xml
# builds and tests against). Pin them by digest as well where your registry policy asks for it.

# Build stage: the WAR and the JDBC drivers (target/livetasks.war, target/jdbc/*.jar).
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, in their own layer: it is rebuilt only when pom.xml changes, not for every code change.
COPY pom.xml .
# Maven's own JVM options (the JIT's first tier only: a build is short).
COPY .mvn ./.mvn
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY db ./db
COPY liberty ./liberty
RUN mvn -B -q package -DskipTests

# Runtime stage: Open Liberty kernel, features from server.xml installed at build time.
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi-minimal
COPY --chown=1001:0 liberty/server.xml liberty/application.xml liberty/jvm.options \
     liberty/auth-embedded.xml liberty/auth-oidc.xml \
     liberty/datasource-h2.xml liberty/datasource-sqlserver.xml /config/
# Who may sign in is fixed when the image is built: docker build --build-arg AUTH_MODE=oidc for production.
# The server started by configure.sh below caches its feature set in the image, and a server started later
# with another AUTH_MODE keeps that cached set (seen with Open Liberty 26.0.0.3): auth-oidc.xml's features
# would then be missing. auth-oidc.xml's features are installed either way.
ARG AUTH_MODE=embedded
ENV AUTH_MODE=${AUTH_MODE}
RUN features.sh && featureUtility installFeature openidConnectClient-1.0 mpJwt-2.1 transportSecurity-1.0 --acceptLicense
COPY --chown=1001:0 --from=build /src/target/jdbc/ /config/jdbc/
COPY --chown=1001:0 --from=build /src/target/livetasks.war /config/apps/
# Fills the shared class cache and checks that the configuration resolves.
RUN configure.sh
# SQL Server by default (set after configure.sh, whose trial start uses the embedded database): DB_URL, DB_USER
# and DB_PASSWORD have no value in the image and must come from the environment or a Secret.
ENV DB_KIND=sqlserver
EXPOSE 9080 9443
# Probes for orchestrators: liveness /health/live, readiness /health/ready (DOWN while the database is unreachable).
