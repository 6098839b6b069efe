#!/bin/sh
# check-options.sh -- tangled from lenet.nw.
set -u
src=${LENET_SRCDIR:-.}
lenet=./lenet
man=$src/doc/lenet.1
opts=$(awk '
  /^static int cmd_[a-z]+\(/ { match($0, /cmd_[a-z]+/); cmd = substr($0, RSTART + 4,
                                                                   RLENGTH - 4) }
  /[A-Z]+_OPTS\[\] *=/ { match($0, /[A-Z]+_OPTS/); cmd = tolower(substr($0, RSTART,
                                                                      RLENGTH - 5)) }
  { line = $0
    while (match(line, /"[a-z0-9-]+", *(no|required|optional)_argument/)) {
      opt = substr(line, RSTART + 1, RLENGTH); sub(/".*/, "", opt)
      print cmd ":" opt
      line = substr(line, RSTART + RLENGTH) } }' "$src"/src/*.c | sort -u)
case $opts in
  *train:epochs*) ;;
  *) echo "check-options: no option tables found in $src/src/*.c"; exit 1 ;;
esac
fail=0 n=0
for co in $opts; do
  cmd=${co%%:*} opt=${co#*:} n=$((n + 1))
  help=$($lenet "$cmd" --help 2>&1)
  if ! printf '%s\n' "$help" | grep -Eq -- "--$opt([^a-z0-9-]|\$)"; then
    echo "lenet $cmd --help does not mention --$opt"; fail=1
  fi
  sect=$(sed 's/\\//g' "$man" | awk -v h=".SS \"lenet $cmd" -v all="$opt" '
    index($0, h) == 1 { on = 1; next } /^\.S[HS]/ { on = 0 }
    on || all == "help" || all == "version"')
  if ! printf '%s\n' "$sect" | grep -Eq -- "--$opt([^a-z0-9-]|\$)"; then
    echo "doc/lenet.1: section lenet $cmd does not mention --$opt"; fail=1
  fi
done
echo "check-options: $n options of the parser checked in --help and doc/lenet.1"
exit $fail
