# Shared by ./drydock (the demo) and the benchmarks: make images without Docker (OCI layout + skopeo) and talk to drydock's API.
# shellcheck shell=bash

# oci_image DIR LAYER_TGZ... : writes an OCI layout in DIR (tag "img") whose layers are the given .tar.gz files.
oci_image() {
  local dir=$1; shift
  mkdir -p "$dir/blobs/sha256"
  local layers="" diffs="" sep="" d
  for tgz in "$@"; do
    d=$(sha256sum "$tgz" | cut -d' ' -f1)
    cp "$tgz" "$dir/blobs/sha256/$d"
    layers+="$sep{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$d\",\"size\":$(stat -c%s "$tgz")}"
    diffs+="$sep\"sha256:$(gzip -dc "$tgz" | sha256sum | cut -d' ' -f1)\""
    sep=","
  done
  printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" >"$dir/config.json"
  local config; config=$(sha256sum "$dir/config.json" | cut -d' ' -f1)
  mv "$dir/config.json" "$dir/blobs/sha256/$config"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[%s]}' \
    "$config" "$(stat -c%s "$dir/blobs/sha256/$config")" "$layers" >"$dir/manifest.json"
  local manifest; manifest=$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)
  local size; size=$(stat -c%s "$dir/manifest.json")
  mv "$dir/manifest.json" "$dir/blobs/sha256/$manifest"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"img"}}]}' \
    "$manifest" "$size" >"$dir/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
}

# random_layer FILE MEGABYTES : a gzip tar holding one file of random bytes.
random_layer() {
  local work; work=$(mktemp -d)
  head -c "$(($2 * 1024 * 1024))" /dev/urandom >"$work/data-$RANDOM"
  tar -C "$work" -czf "$1" .
  rm -rf "$work"
}

# push_layout DIR REF : pushes the layout's image, prints the pushed manifest digest.
push_layout() {
  skopeo copy --quiet --dest-tls-verify=false --digestfile "$1/pushed" "oci:$1:img" "docker://$2"
  cat "$1/pushed"
}

# api METHOD PATH [JSON] : calls drydock's API with the admin token.
api() {
  curl -sf -X "$1" -H "Authorization: Bearer $DRYDOCK_API_TOKEN" -H "Content-Type: application/json" \
    ${3:+-d "$3"} "http://127.0.0.1:${DRYDOCK_PORT:-8080}$2"
}

# now_ms : wall clock in milliseconds.
now_ms() { date +%s%3N; }
