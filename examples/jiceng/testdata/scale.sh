#!/bin/sh
# scale.sh: how "jiceng validate" and "jiceng indicators" grow with the
# input. It generates five provinces (山东 37, 河南 41, 江苏 32, 河北 13,
# 湖北 42; about 1.2 GB in all) into a directory, then validates and
# aggregates the first 1, 2, 3, 4 and 5 of them, and prints, for each,
# the records, the megabytes read, and the wall time and peak resident
# memory (GNU time's maximum resident set size) of both commands.
#
# Usage, from the examples module: sh jiceng/testdata/scale.sh [DIR]
# (DIR defaults to a new temporary directory; files already there are
# reused). Needs /usr/bin/time (GNU).
set -eu
dir=${1:-$(mktemp -d)}
bin=$dir/jiceng
go build -o "$bin" ./jiceng
provinces="37 41 32 13 42"
for p in $provinces; do
	[ -s "$dir/$p.ndjson" ] || "$bin" generate -under "$p" -months 12 -o "$dir/$p.ndjson"
done
now=2025-12-01T00:00:00+08:00
printf 'provinces\trecords\tMB\tvalidate_s\tvalidate_MB\tindicators_s\tindicators_MB\n'
files=
n=0
for p in $provinces; do
	files="$files $dir/$p.ndjson"
	n=$((n + 1))
	records=$(cat $files | wc -l)
	mb=$(cat $files | wc -c | awk '{printf "%.0f", $1 / 1048576}')
	/usr/bin/time -f '%e %M' -o "$dir/time.v" "$bin" validate -now "$now" $files >/dev/null 2>&1 || true
	/usr/bin/time -f '%e %M' -o "$dir/time.i" "$bin" indicators -level province -period 2025 -now "$now" -format csv $files >/dev/null 2>"$dir/indicators.err"
	read -r vs vk <"$dir/time.v"
	read -r is ik <"$dir/time.i"
	printf '%d\t%d\t%s\t%s\t%d\t%s\t%d\n' "$n" "$records" "$mb" "$vs" $((vk / 1024)) "$is" $((ik / 1024))
done
