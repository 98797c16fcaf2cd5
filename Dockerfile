# A small image of backlint for CI systems that run containers:
#   docker build -t backlint .
#   docker run --rm -v "$PWD:/src" backlint check .
FROM rust:1-slim-bookworm AS build
WORKDIR /build
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY rules ./rules
COPY schema ./schema
RUN cargo build --release --locked && strip target/release/backlint

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /build/target/release/backlint /usr/local/bin/backlint
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/backlint"]
CMD ["check", "."]
