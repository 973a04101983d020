# Helpers shared by the end-to-end scripts (sourced).

fail() { echo "FAIL: $*" >&2; exit 1; }

# build DIR LOG: cmake --build, keeping the output for inspection.
build() {
  cmake --build "$1" -j2 > "$2" 2>&1 || { cat "$2"; fail "build of $1 failed"; }
}

# serve_and_check BINARY: starts the app on a free port, asks for /user/7
# over loopback HTTP (bash's /dev/tcp: no client needed) and stops it.
serve_and_check() {
  local binary=$1 out port response
  out=$(mktemp)
  "$binary" --port 0 > "$out" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do
    port=$(sed -n 's|^Serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { kill "$pid"; cat "$out"; fail "the app did not start"; }
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET /user/7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  response=$(timeout 5 cat <&3)
  exec 3<&-
  kill -TERM "$pid" && wait "$pid"
  echo "$response" | head -1
  [[ "$response" == "HTTP/1.1 200 OK"* ]] || fail "unexpected response: $response"
  [[ "$response" == *"Hello, user 7!"* ]] || fail "unexpected body: $response"
}
