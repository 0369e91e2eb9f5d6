# Sourced by the launcher: where this build's review daemon would listen, computed as
# dev.vetter.cli.daemon.DaemonAddress does (DaemonAddressScriptTest holds the two to the same answer).

# prints the socket path of the daemon for the jar at $1 and this environment
vetter_daemon_socket() {
  local jar=$1 dir size millis build
  if [ -n "${VETTER_DAEMON_DIR:-}" ] && [ -n "${VETTER_DAEMON_DIR// /}" ]; then
    case "$VETTER_DAEMON_DIR" in /*) dir=$VETTER_DAEMON_DIR ;; *) dir="$PWD/$VETTER_DAEMON_DIR" ;; esac
  elif [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -n "${XDG_RUNTIME_DIR// /}" ] && [ -d "$XDG_RUNTIME_DIR" ]; then
    dir="$XDG_RUNTIME_DIR/vetter"
  else
    dir="$HOME/.cache/vetter/daemon"
  fi
  size=$(stat -c %s "$jar" 2>/dev/null) || return 0
  millis=$(date -r "$jar" +%s%3N 2>/dev/null) || return 0
  # the build: the jar's path, size and time in milliseconds, NUL-separated, SHA-256, first 8 bytes in hex
  build=$(printf '%s\0%s\0%s' "$jar" "$size" "$millis" | sha256sum | cut -c1-16)
  echo "${dir%/}/$build.sock"
}

# true when 'vetter "$@"' is a command the daemon serves (DaemonClient.served): review, without --no-daemon or
# standard input as an input
vetter_daemon_serves() {
  local a command=""
  for a in "$@"; do
    case "$a" in --no-daemon|-|--input=-) return 1 ;; esac
    [ -z "$command" ] && case "$a" in -*) ;; *) command=$a ;; esac
  done
  [ "$command" = review ]
}
