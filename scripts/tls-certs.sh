#!/usr/bin/env bash
# Makes a lab's certificates for TLS between cluster nodes (docs/cli.md, "TLS between nodes"):
# a CA (DIR/ca.pem, its key DIR/ca.key) and, for each NAME, DIR/NAME.pfx — a node certificate the
# CA signed (server and client use, subjectAltName DNS:NAME), with its private key, protected by
# the password in $HNN_TLS_PASSWORD. Run it again with the same DIR to add nodes: the CA is kept.
# Give every node its own NAME.pfx and ca.pem; keep ca.key off the nodes (whoever holds it can
# make certificates the cluster accepts).
# Usage: HNN_TLS_PASSWORD=... scripts/tls-certs.sh DIR NAME [NAME...]
set -euo pipefail
if [ $# -lt 2 ] || [ -z "${HNN_TLS_PASSWORD:-}" ]; then
  echo "usage: HNN_TLS_PASSWORD=... $0 DIR NAME [NAME...]" >&2
  exit 2
fi
dir=$1; shift
mkdir -p "$dir"
umask 077   # keys and .pfx files readable by their owner only
days=825

if [ ! -f "$dir/ca.pem" ]; then
  openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days "$days" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" -subj "/CN=hnn lab CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  chmod 644 "$dir/ca.pem"
  echo "CA: $dir/ca.pem (key $dir/ca.key: keep it off the nodes)"
fi

for name in "$@"; do
  tmp=$(mktemp -d)
  openssl req -new -newkey rsa:3072 -nodes -sha256 -keyout "$tmp/node.key" -out "$tmp/node.csr" -subj "/CN=$name" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:%s\n' "$name" > "$tmp/ext"
  openssl x509 -req -sha256 -days "$days" -in "$tmp/node.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -extfile "$tmp/ext" -out "$tmp/node.pem" 2>/dev/null
  openssl pkcs12 -export -in "$tmp/node.pem" -inkey "$tmp/node.key" -name "$name" -out "$dir/$name.pfx" -passout env:HNN_TLS_PASSWORD
  rm -rf "$tmp"
  echo "node: $dir/$name.pfx"
done
